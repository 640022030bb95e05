package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.Principal;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;

/**
 * At first start, creates what every other record needs before a principal exists: the root business unit (the
 * organization), the SYSTEM user, the administrator and the default security roles. These seed rows are written directly, once; everything else
 * goes through the record pipeline. At every later start, gives the default roles (those that still exist) their
 * privileges on system entities a newer version added since the first start (listed as seeded in
 * {@code rapport_seeded_entity}), once per entity.
 */
@Component
@Order(0)
class OrganizationBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OrganizationBootstrap.class);

	private static final org.jooq.Table<?> SEEDED = table(name("rapport_seeded_entity"));

	static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-000000000002");

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	private final PasswordEncoder passwords;
	private final String organizationName;
	private final String adminPassword;
	private final Metadata metadata;
	private final StoredCredentials credentials;
	private final String bootstrapToken;

	OrganizationBootstrap(DSLContext dsl, TransactionTemplate tx, PasswordEncoder passwords, Metadata metadata,
			@Value("${rapport.organization-name:Rapport Demo}") String organizationName,
			@Value("${rapport.admin-password:admin}") String adminPassword, StoredCredentials credentials,
			@Value("${rapport.bootstrap-token:}") String bootstrapToken) {
		this.credentials = credentials;
		this.bootstrapToken = bootstrapToken;
		this.dsl = dsl;
		this.tx = tx;
		this.passwords = passwords;
		this.organizationName = organizationName;
		this.adminPassword = adminPassword;
		this.metadata = metadata;
	}

	@Override
	public void run(ApplicationArguments args) {
		tx.executeWithoutResult(s -> {
			if (dsl.fetchExists(table(name("businessunit")), field(name("businessunitid"), UUID.class).eq(Principal.ROOT_BUSINESS_UNIT_ID))) {
				grantNewSystemEntities();
				return;
			}
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			UUID root = Principal.ROOT_BUSINESS_UNIT_ID;
			dsl.insertInto(table(name("businessunit")))
				.set(field(name("businessunitid")), root)
				.set(field(name("name")), organizationName)
				.set(common(now))
				.execute();
			insertUser(Principal.SYSTEM_USER_ID, "system", "SYSTEM", now);
			insertUser(ADMIN_ID, "admin", "Administrator", now);
			dsl.insertInto(table(name("rapport_credential")))
				.set(field(name("systemuserid")), ADMIN_ID)
				.set(field(name("passwordhash")), passwords.encode(adminPassword))
				.set(field(name("changedon")), now)
				.execute();
			seedRoles(now);
			markSeeded();
			dsl.insertInto(table(name("systemuserroles")))
				.set(field(name("systemuserrolesid")), UUID.randomUUID())
				.set(field(name("roleid")), SecurityModel.SYSTEM_ADMINISTRATOR_ROLE)
				.set(field(name("systemuserid")), ADMIN_ID)
				.set(field(name("createdon")), now)
				.execute();
			if (!bootstrapToken.isBlank()) {
				credentials.store(ADMIN_ID, "bootstrap", bootstrapToken);
				log.info("Created the administrator's API token from RAPPORT_BOOTSTRAP_TOKEN");
			}
			log.info("Created the organization '{}' with the administrator 'admin'", organizationName);
		});
	}

	/** System entities that no start has given the default roles' privileges on yet (added by an upgrade). */
	private void grantNewSystemEntities() {
		java.util.Set<String> seeded = new java.util.HashSet<>(dsl.select(field(name("entity"), String.class)).from(SEEDED).fetch(0, String.class));
		for (EntityDefinition entity : metadata.entities()) {
			if (entity.custom() || seeded.contains(entity.logicalName())) {
				continue;
			}
			for (SeedRoles.Role role : SeedRoles.ROLES.values()) {
				if (!dsl.fetchExists(table(name("role")), field(name("roleid"), UUID.class).eq(role.id()))) {
					continue;
				}
				for (var grant : SeedRoles.privileges(role, entity).entrySet()) {
					dsl.insertInto(table(name("rapport_role_privilege")))
						.set(field(name("roleid")), role.id())
						.set(field(name("entity")), entity.logicalName())
						.set(field(name("privilege")), grant.getKey().name())
						.set(field(name("depth")), grant.getValue().name())
						.execute();
				}
			}
			dsl.insertInto(SEEDED).set(field(name("entity")), entity.logicalName()).execute();
			log.info("Gave the default security roles their privileges on the new system entity '{}'", entity.logicalName());
		}
	}

	private void markSeeded() {
		java.util.Set<String> seeded = new java.util.HashSet<>(dsl.select(field(name("entity"), String.class)).from(SEEDED).fetch(0, String.class));
		for (EntityDefinition entity : metadata.entities()) {
			if (!entity.custom() && !seeded.contains(entity.logicalName())) {
				dsl.insertInto(SEEDED).set(field(name("entity")), entity.logicalName()).execute();
			}
		}
	}

	private void seedRoles(OffsetDateTime now) {
		for (SeedRoles.Role role : SeedRoles.ROLES.values()) {
			dsl.insertInto(table(name("role")))
				.set(field(name("roleid")), role.id())
				.set(field(name("name")), role.name())
				.set(field(name("description")), role.description())
				.set(field(name("businessunitid")), Principal.ROOT_BUSINESS_UNIT_ID)
				.set(common(now))
				.execute();
			for (EntityDefinition entity : metadata.entities()) {
				for (var grant : SeedRoles.privileges(role, entity).entrySet()) {
					dsl.insertInto(table(name("rapport_role_privilege")))
						.set(field(name("roleid")), role.id())
						.set(field(name("entity")), entity.logicalName())
						.set(field(name("privilege")), grant.getKey().name())
						.set(field(name("depth")), grant.getValue().name())
						.execute();
				}
			}
		}
	}

	private void insertUser(UUID id, String username, String fullName, OffsetDateTime now) {
		dsl.insertInto(table(name("systemuser")))
			.set(field(name("systemuserid")), id)
			.set(field(name("domainname")), username)
			.set(field(name("fullname")), fullName)
			.set(field(name("businessunitid")), Principal.ROOT_BUSINESS_UNIT_ID)
			.set(field(name("isdisabled")), false)
			.set(common(now))
			.execute();
	}

	private static java.util.Map<org.jooq.Field<?>, Object> common(OffsetDateTime now) {
		java.util.Map<org.jooq.Field<?>, Object> values = new java.util.LinkedHashMap<>();
		values.put(field(name("createdon")), now);
		values.put(field(name("modifiedon")), now);
		values.put(field(name("createdby")), Principal.SYSTEM_USER_ID);
		values.put(field(name("modifiedby")), Principal.SYSTEM_USER_ID);
		values.put(field(name("owningbusinessunit")), Principal.ROOT_BUSINESS_UNIT_ID);
		values.put(field(name("statecode")), 0);
		values.put(field(name("statuscode")), 1);
		values.put(field(name("versionnumber")), 1L);
		return values;
	}
}
