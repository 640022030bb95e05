package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.security.Principals;

@Component
class UserPrincipals implements Principals {

	private final DSLContext dsl;

	UserPrincipals(DSLContext dsl) {
		this.dsl = dsl;
	}

	@Override
	public Optional<Principal> of(UUID userId) {
		if (Principal.SYSTEM_USER_ID.equals(userId)) {
			return Optional.of(Principal.systemPrincipal());
		}
		Record2<UUID, Boolean> user = dsl.select(field(name("businessunitid"), UUID.class), field(name("isdisabled"), Boolean.class))
			.from(table(name("systemuser")))
			.where(field(name("systemuserid"), UUID.class).eq(userId))
			.fetchOne();
		if (user == null || Boolean.TRUE.equals(user.value2())) {
			return Optional.empty();
		}
		Set<UUID> teams = Set.copyOf(dsl.select(field(name("teamid"), UUID.class))
			.from(table(name("teammembership")))
			.where(field(name("systemuserid"), UUID.class).eq(userId))
			.fetch(0, UUID.class));
		return Optional.of(new Principal(userId, user.value1(), teams, false));
	}
}
