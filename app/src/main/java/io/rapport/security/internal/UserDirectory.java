package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import io.rapport.core.Principal;

/** Finds users for sign-in (by user name) and for API tokens (by id), with business unit, teams and sign-in state. */
@Component
class UserDirectory implements UserDetailsService {

	private static final Field<String> USERNAME = field(name("u", "domainname"), String.class);
	private static final Field<UUID> ID = field(name("u", "systemuserid"), UUID.class);
	private static final Field<Boolean> DISABLED = field(name("u", "isdisabled"), Boolean.class);
	private static final Field<String> HASH = field(name("c", "passwordhash"), String.class);
	private static final Field<OffsetDateTime> LOCKED_UNTIL = field(name("c", "lockeduntil"), OffsetDateTime.class);

	private final DSLContext dsl;
	private final SecurityModel model;

	UserDirectory(DSLContext dsl, SecurityModel model) {
		this.dsl = dsl;
		this.model = model;
	}

	@Override
	public SignedInUser loadUserByUsername(String username) {
		return load(lower(USERNAME).eq(username == null ? "" : username.toLowerCase()));
	}

	/** The user a valid API token belongs to. */
	SignedInUser loadById(UUID id) {
		return load(ID.eq(id));
	}

	private SignedInUser load(Condition which) {
		Record5<String, UUID, Boolean, String, OffsetDateTime> row = dsl
			.select(USERNAME, ID, DISABLED, HASH, LOCKED_UNTIL)
			.from(table(name("systemuser")).as("u"))
			.leftJoin(table(name("rapport_credential")).as("c"))
			.on(field(name("c", "systemuserid"), UUID.class).eq(ID))
			.where(which)
			.and(ID.ne(Principal.SYSTEM_USER_ID))
			.fetchOne();
		if (row == null) {
			throw new UsernameNotFoundException("No such user");
		}
		UserAccess access = model.user(row.value2());
		OffsetDateTime lockedUntil = row.value5();
		return new SignedInUser(row.value1(), row.value4() == null ? "{noop}!" + UUID.randomUUID() : row.value4(),
				!Boolean.TRUE.equals(row.value3()) && !access.disabled(), lockedUntil != null && lockedUntil.isAfter(OffsetDateTime.now()),
				access.administrator(), new Principal(access.userId(), access.businessUnitId(), access.teamIds(), false),
				access.unitDisabled());
	}
}
