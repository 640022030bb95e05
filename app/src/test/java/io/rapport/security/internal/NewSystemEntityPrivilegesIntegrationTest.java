package io.rapport.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.test.RapportTest;

/**
 * A database created by a version without currencies: its default roles hold no privileges on
 * {@code transactioncurrency} and it is not listed as seeded. The next start gives the roles that still exist their
 * default privileges on it, once; what an administrator took away from an entity seeded before is not given back.
 */
@RapportTest
class NewSystemEntityPrivilegesIntegrationTest {

	static final UUID SALESPERSON = UUID.fromString("00000000-0000-0000-0000-0000000000a3");

	@Autowired
	DSLContext dsl;

	@Autowired
	OrganizationBootstrap bootstrap;

	@Autowired
	SecurityModel model;

	private int grants(UUID role, String entity) {
		return dsl.fetchCount(table(name("rapport_role_privilege")), field(name("roleid"), UUID.class).eq(role)
			.and(field(name("entity"), String.class).eq(entity)));
	}

	@Test
	void anExistingDatabaseGetsTheDefaultRolesPrivilegesOnANewSystemEntityOnceAtTheNextStart() {
		assertThat(grants(SALESPERSON, "transactioncurrency")).as("a first start grants Read and Append To").isEqualTo(2);

		// as a database from before currencies: no grants on the entity, not listed as seeded
		dsl.deleteFrom(table(name("rapport_role_privilege"))).where(field(name("entity"), String.class).eq("transactioncurrency")).execute();
		dsl.deleteFrom(table(name("rapport_seeded_entity"))).where(field(name("entity"), String.class).eq("transactioncurrency")).execute();
		// and an administrator took the Salesperson's privileges on connection roles away long ago
		int connectionRoleGrants = grants(SALESPERSON, "connectionrole");
		dsl.deleteFrom(table(name("rapport_role_privilege"))).where(field(name("roleid"), UUID.class).eq(SALESPERSON)
			.and(field(name("entity"), String.class).eq("connectionrole"))).execute();
		try {
			bootstrap.run(null);
			model.changed("role");
			assertThat(grants(SALESPERSON, "transactioncurrency")).isEqualTo(2);
			assertThat(grants(SecurityModel.SYSTEM_ADMINISTRATOR_ROLE, "transactioncurrency")).isEqualTo(8);
			assertThat(grants(SALESPERSON, "connectionrole")).as("not given back").isZero();
			assertThat(dsl.fetchExists(table(name("rapport_seeded_entity")), field(name("entity"), String.class).eq("transactioncurrency"))).isTrue();

			// the start after that changes nothing
			bootstrap.run(null);
			assertThat(grants(SALESPERSON, "transactioncurrency")).isEqualTo(2);
		} finally {
			if (grants(SALESPERSON, "connectionrole") == 0 && connectionRoleGrants > 0) {
				for (String p : new String[] { "Read", "AppendTo" }) {
					dsl.insertInto(table(name("rapport_role_privilege"))).set(field(name("roleid")), SALESPERSON)
						.set(field(name("entity")), "connectionrole").set(field(name("privilege")), p)
						.set(field(name("depth")), "Organization").execute();
				}
			}
			model.changed("role");
		}
	}
}
