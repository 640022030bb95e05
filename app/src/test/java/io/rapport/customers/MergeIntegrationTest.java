package io.rapport.customers;

import static io.rapport.customers.TestPeople.businessUnit;
import static io.rapport.customers.TestPeople.create;
import static io.rapport.customers.TestPeople.salesperson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditEntry.AttributeChange;
import io.rapport.audit.AuditHistory;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.security.AccessRight;
import io.rapport.security.Sharing;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class MergeIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();
	private static final Principal ADMIN = Principal.user(UUID.fromString("00000000-0000-0000-0000-000000000002"),
			Principal.ROOT_BUSINESS_UNIT_ID);
	private static final String CLUB = """
			{"logicalName":"new_club","displayName":"Club","primaryNameAttribute":"new_name","ownership":"UserOwned",
			 "attributes":[{"name":"new_name","type":"String","maxLength":100}],
			 "relationships":[{"schemaName":"new_club_contacts","type":"ManyToMany","entity2":"contact","intersectEntity":"new_clubmember"}]}
			""";

	@LocalServerPort
	int port;

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Sharing sharing;

	@Autowired
	AuditHistory audit;

	@Autowired
	Metadata metadata;

	@Autowired
	Customizations customizations;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	@SuppressWarnings("unchecked")
	void mergingAccountsMovesContactsChildAccountsAndSharesKeepsTheChosenValuesAndDeactivatesTheSubordinate() {
		Api api = Api.admin(port);
		String target = create(api, "accounts", Map.of("name", "Merge Target " + run, "telephone1", "111",
				"websiteurl", "https://target.example.com"));
		String subordinate = create(api, "accounts", Map.of("name", "Merge Subordinate " + run, "telephone1", "222",
				"description", "From the subordinate"));
		String staff = create(api, "contacts", Map.of("lastname", "Staff-" + run, "parentcustomerid_account@odata.bind",
				"/accounts(" + subordinate + ")"));
		String more = create(api, "contacts", Map.of("lastname", "More-" + run, "parentcustomerid_account@odata.bind",
				"/accounts(" + subordinate + ")"));
		String branch = create(api, "accounts", Map.of("name", "Merge Branch " + run, "parentaccountid@odata.bind",
				"/accounts(" + subordinate + ")"));
		TestPeople.User reader = salesperson(port, businessUnit(port, "Readers " + run));
		sharing.grant(ADMIN, account(subordinate), new RecordRef("systemuser", reader.principal().userId()),
				Set.of(AccessRight.Read, AccessRight.Write));
		assertThat(readable(reader, "account", target)).isFalse();

		Api.Response merged = api.post("/api/customers/merge", Map.of("entity", "account", "target", target, "subordinate",
				subordinate, "values", Map.of("telephone1", Map.of("from", "subordinate"), "description", "Merged " + run)));
		assertThat(merged.status()).as(merged.body()).isEqualTo(204);

		assertThat(api.get("/api/data/v9.2/accounts(" + target + ")").json()).containsEntry("telephone1", "222")
			.containsEntry("description", "Merged " + run).containsEntry("websiteurl", "https://target.example.com")
			.containsEntry("statecode", 0).containsEntry("merged", false);
		assertThat(api.get("/api/data/v9.2/accounts(" + subordinate + ")").json()).containsEntry("statecode", 1)
			.containsEntry("statuscode", 2).containsEntry("merged", true).containsEntry("_masterid_value", target)
			.containsEntry("telephone1", "222");
		for (String contact : List.of(staff, more)) {
			assertThat(api.get("/api/data/v9.2/contacts(" + contact + ")").json()).containsEntry("_parentcustomerid_value", target);
		}
		assertThat(api.get("/api/data/v9.2/accounts(" + branch + ")").json()).containsEntry("_parentaccountid_value", target);

		assertThat(sharing.shares(ADMIN, account(target))).singleElement().satisfies(s -> {
			assertThat(s.grantee().id()).isEqualTo(reader.principal().userId());
			assertThat(s.rights()).containsExactlyInAnyOrder(AccessRight.Read, AccessRight.Write);
		});
		assertThat(sharing.shares(ADMIN, account(subordinate))).isEmpty();
		assertThat(readable(reader, "account", target)).isTrue();
		assertThat(readable(reader, "contact", staff)).as("the share cascades to the contacts that moved").isTrue();
		assertThat(readable(reader, "account", subordinate)).isFalse();

		assertThat(audit.forRecord(SYSTEM, account(target))).filteredOn(e -> e.action().equals("Merge")).singleElement()
			.satisfies(e -> assertThat(e.changes()).contains(new AttributeChange("telephone1", "111", "222")));
		assertThat(audit.forRecord(SYSTEM, account(subordinate))).filteredOn(e -> e.action().equals("Merge")).singleElement()
			.satisfies(e -> assertThat(e.changes()).contains(new AttributeChange("merged", "false", "true"),
					new AttributeChange("masterid", null, "account:" + target), new AttributeChange("statecode", "0", "1")));
	}

	@Test
	void mergingContactsMovesTheAccountsTheyArePrimaryContactOfTheirChildrenAndTheirMemberships() {
		synchronized (MergeIntegrationTest.class) {
			if (metadata.find("new_club").isEmpty()) {
				customizations.createEntity(DefinitionJson.entity("test", CLUB.getBytes(StandardCharsets.UTF_8)), SYSTEM);
			}
		}
		UUID target = records.create(ADMIN, new EntityRecord("contact").set("firstname", "Tom").set("lastname", "Twin-" + run));
		UUID subordinate = records.create(ADMIN, new EntityRecord("contact").set("firstname", "Samuel").set("lastname", "Twin-" + run));
		UUID company = records.create(ADMIN, new EntityRecord("account").set("name", "Twins " + run)
			.set("primarycontactid", contact(subordinate)));
		UUID child = records.create(ADMIN, new EntityRecord("contact").set("lastname", "Junior-" + run)
			.set("parentcustomerid", contact(subordinate)));
		UUID club = records.create(ADMIN, new EntityRecord("new_club").set("new_name", "Chess " + run));
		UUID bothIn = records.create(ADMIN, new EntityRecord("new_club").set("new_name", "Golf " + run));
		records.associate(ADMIN, new RecordRef("new_club", club), "new_club_contacts", List.of(contact(subordinate)));
		records.associate(ADMIN, new RecordRef("new_club", bothIn), "new_club_contacts", List.of(contact(subordinate), contact(target)));

		Api.Response merged = Api.admin(port).post("/api/customers/merge", Map.of("target", "/contacts(" + target + ")",
				"subordinate", "/contacts(" + subordinate + ")", "values", Map.of("firstname", Map.of("from", "subordinate"))));
		assertThat(merged.status()).as(merged.body()).isEqualTo(204);

		assertThat(records.retrieve(SYSTEM, "contact", target, "fullname").get("fullname")).isEqualTo("Samuel Twin-" + run);
		assertThat(records.retrieve(SYSTEM, "account", company, "primarycontactid").get("primarycontactid")).isEqualTo(contact(target));
		assertThat(records.retrieve(SYSTEM, "contact", child, "parentcustomerid").get("parentcustomerid")).isEqualTo(contact(target));
		assertThat(queries.related(SYSTEM, contact(target), "new_club_contacts"))
			.containsExactlyInAnyOrder(new RecordRef("new_club", club), new RecordRef("new_club", bothIn));
		assertThat(queries.related(SYSTEM, contact(subordinate), "new_club_contacts")).isEmpty();
		assertThat(records.retrieve(SYSTEM, "contact", subordinate, "statecode", "masterid").values())
			.containsEntry("statecode", 1).containsEntry("masterid", contact(target));
	}

	@Test
	void aMergeThatCannotBeDoneIsRefusedAndChangesNothing() {
		Api api = Api.admin(port);
		String target = create(api, "accounts", Map.of("name", "Kept " + run, "telephone1", "1"));
		String subordinate = create(api, "accounts", Map.of("name", "Refused " + run, "telephone1", "2"));
		String contact = create(api, "contacts", Map.of("lastname", "Stays-" + run, "parentcustomerid_account@odata.bind",
				"/accounts(" + subordinate + ")"));
		String below = create(api, "accounts", Map.of("name", "Below " + run, "parentaccountid@odata.bind",
				"/accounts(" + subordinate + ")"));
		String targetTag = api.get("/api/data/v9.2/accounts(" + target + ")").header("ETag");
		String subordinateTag = api.get("/api/data/v9.2/accounts(" + subordinate + ")").header("ETag");

		assertRefused(api, Map.of("entity", "account", "target", target, "subordinate", target), 400, "MergeSameRecord");
		assertRefused(api, Map.of("entity", "account", "target", target, "subordinate", Map.of("entity", "contact", "id", contact)),
				400, "MergeEntitiesDiffer");
		assertRefused(api, Map.of("entity", "account", "target", target, "subordinate", subordinate, "values",
				Map.of("nosuch", 1)), 400, "nosuch");
		assertRefused(api, Map.of("entity", "account", "target", target, "subordinate", subordinate, "values",
				Map.of("merged", true)), 400, "merged");
		assertRefused(api, Map.of("entity", "account", "target", target, "subordinate", subordinate, "values",
				Map.of("telephone1", Map.of("from", "elsewhere"))), 400, "telephone1");
		assertRefused(api, Map.of("entity", "account", "target", below, "subordinate", subordinate), 409, "MergeWouldLoop");
		assertRefused(api, Map.of("entity", "account", "target", target, "subordinate", UUID.randomUUID().toString()), 404, "subordinate");
		assertRefused(api, Map.of("entity", "account", "target", "not-an-id", "subordinate", subordinate), 400, "target");

		TestPeople.User sameUnit = salesperson(port, Principal.ROOT_BUSINESS_UNIT_ID);
		assertRefused(sameUnit.api(), Map.of("entity", "account", "target", target, "subordinate", subordinate), 403, "AccessDenied");
		TestPeople.User otherUnit = salesperson(port, businessUnit(port, "Far " + run));
		assertRefused(otherUnit.api(), Map.of("entity", "account", "target", target, "subordinate", subordinate), 404, "RecordNotFound");

		assertThat(api.patch("/api/data/v9.2/accounts(" + subordinate + ")", Map.of("merged", true)).status())
			.as("only a merge marks a record merged").isEqualTo(400);

		assertThat(api.get("/api/data/v9.2/accounts(" + target + ")").header("ETag")).isEqualTo(targetTag);
		assertThat(api.get("/api/data/v9.2/accounts(" + subordinate + ")").header("ETag")).isEqualTo(subordinateTag);
		assertThat(api.get("/api/data/v9.2/contacts(" + contact + ")").json()).containsEntry("_parentcustomerid_value", subordinate);
		assertThat(audit.forRecord(SYSTEM, account(target))).extracting(AuditEntry::action).doesNotContain("Merge");

		String other = create(api, "accounts", Map.of("name", "Other " + run));
		assertThat(api.post("/api/customers/merge", Map.of("entity", "account", "target", target, "subordinate", subordinate))
			.status()).isEqualTo(204);
		assertRefused(api, Map.of("entity", "account", "target", other, "subordinate", subordinate), 409, "AlreadyMerged");
		assertRefused(api, Map.of("entity", "account", "target", subordinate, "subordinate", other), 409, "AlreadyMerged");
		assertThat(api.get("/api/data/v9.2/accounts(" + other + ")").json()).containsEntry("merged", false).containsEntry("statecode", 0);
	}

	private static void assertRefused(Api api, Map<String, Object> body, int status, String named) {
		Api.Response r = api.post("/api/customers/merge", body);
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.body()).contains(named).doesNotContain("Exception");
	}

	private boolean readable(TestPeople.User user, String entity, String id) {
		return queries.retrieve(user.principal(), entity, UUID.fromString(id), List.of()).isPresent();
	}

	private static RecordRef account(String id) {
		return new RecordRef("account", UUID.fromString(id));
	}

	private static RecordRef contact(UUID id) {
		return new RecordRef("contact", id);
	}
}
