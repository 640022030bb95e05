package io.rapport.security.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.security.Principals;

@Component
class UserPrincipals implements Principals {

	private final SecurityModel model;

	UserPrincipals(SecurityModel model) {
		this.model = model;
	}

	@Override
	public Optional<Principal> of(UUID userId) {
		if (Principal.SYSTEM_USER_ID.equals(userId)) {
			return Optional.of(Principal.systemPrincipal());
		}
		try {
			UserAccess user = model.user(userId);
			return user.disabled() ? Optional.empty()
					: Optional.of(new Principal(userId, user.businessUnitId(), user.teamIds(), false));
		} catch (RapportException e) {
			return Optional.empty();
		}
	}
}
