package io.rapport.security.internal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.security.CurrentPrincipal;

@Component
class SessionPrincipal implements CurrentPrincipal {

	@Override
	public Principal get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SignedInUser user) {
			return user.principal();
		}
		throw new RapportException(401, "Unauthorized", "Sign in first.");
	}
}
