package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import io.rapport.core.Principal;

/** Finds users by user name for sign-in, with their business unit, teams and sign-in state. */
@Component
class UserDirectory implements UserDetailsService {

	private final DSLContext dsl;
	private final SecurityModel model;

	UserDirectory(DSLContext dsl, SecurityModel model) {
		this.dsl = dsl;
		this.model = model;
	}

	@Override
	public SignedInUser loadUserByUsername(String username) {
		Record row = dsl.select(field(name("u", "systemuserid"), UUID.class), field(name("u", "businessunitid"), UUID.class),
				field(name("u", "isdisabled"), Boolean.class), field(name("c", "passwordhash"), String.class),
				field(name("c", "lockeduntil"), OffsetDateTime.class))
			.from(table(name("systemuser")).as("u"))
			.join(table(name("rapport_credential")).as("c"))
			.on(field(name("c", "systemuserid"), UUID.class).eq(field(name("u", "systemuserid"), UUID.class)))
			.where(org.jooq.impl.DSL.lower(field(name("u", "domainname"), String.class)).eq(username == null ? "" : username.toLowerCase()))
			.fetchOne();
		if (row == null) {
			throw new UsernameNotFoundException("No such user");
		}
		UUID id = row.get(0, UUID.class);
		OffsetDateTime lockedUntil = row.get(4, OffsetDateTime.class);
		Set<UUID> teams = Set.copyOf(dsl.select(field(name("teamid"), UUID.class))
			.from(table(name("teammembership")))
			.where(field(name("systemuserid"), UUID.class).eq(id))
			.fetch(0, UUID.class));
		return new SignedInUser(username, row.get(3, String.class), !Boolean.TRUE.equals(row.get(2, Boolean.class)),
				lockedUntil != null && lockedUntil.isAfter(OffsetDateTime.now()), model.user(id).administrator(),
				new Principal(id, row.get(1, UUID.class), teams, false));
	}
}
