package io.rapport.customers.internal;

import static io.rapport.customers.DefaultConnectionRoles.CHILD;
import static io.rapport.customers.DefaultConnectionRoles.COLLEAGUE;
import static io.rapport.customers.DefaultConnectionRoles.CUSTOMER;
import static io.rapport.customers.DefaultConnectionRoles.EMPLOYEE;
import static io.rapport.customers.DefaultConnectionRoles.EMPLOYER;
import static io.rapport.customers.DefaultConnectionRoles.FORMER_EMPLOYEE;
import static io.rapport.customers.DefaultConnectionRoles.FORMER_EMPLOYER;
import static io.rapport.customers.DefaultConnectionRoles.FRIEND;
import static io.rapport.customers.DefaultConnectionRoles.PARENT;
import static io.rapport.customers.DefaultConnectionRoles.PARTNER;
import static io.rapport.customers.DefaultConnectionRoles.REFERRAL_SOURCE;
import static io.rapport.customers.DefaultConnectionRoles.REFERRED;
import static io.rapport.customers.DefaultConnectionRoles.SPOUSE_PARTNER;
import static io.rapport.customers.DefaultConnectionRoles.SUPPLIER;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * At the first start of an organization (when no connection role exists yet), creates the default connection roles
 * with the fixed ids of {@link io.rapport.customers.DefaultConnectionRoles}, and their matches, through the record
 * pipeline. Always on, unlike the demo data: connections need roles.
 */
@Component
@Order(5)
class DefaultConnectionRoleSeed implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DefaultConnectionRoleSeed.class);

	private static final Principal SYSTEM = Principal.systemPrincipal();

	private static final int BUSINESS = 1;
	private static final int FAMILY = 2;
	private static final int SOCIAL = 3;
	private static final int SALES = 4;

	private record Role(UUID id, String name, int category, String recordTypes, String description) {
	}

	private static final List<Role> ROLES = List.of(
			new Role(SUPPLIER, "Supplier", BUSINESS, null, "Supplies goods or services to the other record."),
			new Role(CUSTOMER, "Customer", BUSINESS, null, "Buys goods or services from the other record."),
			new Role(EMPLOYER, "Employer", BUSINESS, "account", "Employs the other record."),
			new Role(EMPLOYEE, "Employee", BUSINESS, "contact", "Works for the other record."),
			new Role(PARENT, "Parent", FAMILY, "contact", "Parent of the other record."),
			new Role(CHILD, "Child", FAMILY, "contact", "Child of the other record."),
			new Role(COLLEAGUE, "Colleague", BUSINESS, "contact", "Works with the other record."),
			new Role(PARTNER, "Partner", BUSINESS, null, "Business partner of the other record."),
			new Role(FORMER_EMPLOYER, "Former Employer", BUSINESS, "account", "Used to employ the other record."),
			new Role(FORMER_EMPLOYEE, "Former Employee", BUSINESS, "contact", "Used to work for the other record."),
			new Role(REFERRAL_SOURCE, "Referral Source", SALES, null, "Referred the other record to us."),
			new Role(REFERRED, "Referred", SALES, null, "Was referred to us by the other record."),
			new Role(FRIEND, "Friend", SOCIAL, "contact", "Friend of the other record."),
			new Role(SPOUSE_PARTNER, "Spouse/Partner", FAMILY, "contact", "Spouse or life partner of the other record."));

	private static final List<UUID[]> MATCHES = List.of(new UUID[] { SUPPLIER, CUSTOMER }, new UUID[] { EMPLOYER, EMPLOYEE },
			new UUID[] { PARENT, CHILD }, new UUID[] { COLLEAGUE, COLLEAGUE }, new UUID[] { PARTNER, PARTNER },
			new UUID[] { FORMER_EMPLOYER, FORMER_EMPLOYEE }, new UUID[] { REFERRAL_SOURCE, REFERRED },
			new UUID[] { FRIEND, FRIEND }, new UUID[] { SPOUSE_PARTNER, SPOUSE_PARTNER });

	private final Records records;
	private final Queries queries;
	private final StoredConnectionRoles roles;
	private final TransactionTemplate tx;

	DefaultConnectionRoleSeed(Records records, Queries queries, StoredConnectionRoles roles, TransactionTemplate tx) {
		this.records = records;
		this.queries = queries;
		this.roles = roles;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (seeded()) {
			return;
		}
		try {
			tx.executeWithoutResult(s -> {
				for (Role role : ROLES) {
					records.create(SYSTEM, new EntityRecord("connectionrole", role.id()).set("name", role.name())
						.set("category", role.category()).set(ConnectionRoleRecordTypes.ATTRIBUTE, role.recordTypes())
						.set("description", role.description()));
				}
				for (UUID[] match : MATCHES) {
					roles.match(SYSTEM, match[0], match[1]);
				}
			});
			log.info("Created {} default connection roles", ROLES.size());
		} catch (RapportException e) {
			if (e.status() != 409 || !seeded()) {
				throw e;
			}
			log.info("Another node created the default connection roles first");
		}
	}

	private boolean seeded() {
		return queries.count(SYSTEM, Query.of("connectionrole")) > 0;
	}
}
