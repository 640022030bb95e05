package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

/** Conditions on lookups: by id, by the current user, and down the account hierarchy. */
@RapportTest
class LookupOperatorsIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	final String batch = "lookups-" + UUID.randomUUID();

	@Test
	void eqOnACustomerLookupMatchesTheRecordItRefersTo() {
		UUID acme = account("Acme", null);
		UUID globex = account("Globex", null);
		UUID boss = contact("Boss", null, SYSTEM);
		contact("Ann", new RecordRef("account", acme), SYSTEM);
		contact("Bob", new RecordRef("account", acme), SYSTEM);
		contact("Cid", new RecordRef("account", globex), SYSTEM);
		contact("Dee", new RecordRef("contact", boss), SYSTEM);

		assertThat(contactNames(where("parentcustomerid", Operator.Eq, acme))).containsExactlyInAnyOrder("Ann", "Bob");
		assertThat(contactNames(where("parentcustomerid", Operator.Eq, new RecordRef("contact", boss))))
			.containsExactly("Dee");
		assertThat(contactNames(where("parentcustomerid", Operator.Eq, globex.toString()))).containsExactly("Cid");
		assertThat(contactNames(where("parentcustomerid", Operator.Ne, acme))).containsExactlyInAnyOrder("Boss", "Cid", "Dee");
		assertThat(contactNames(where("parentcustomerid", Operator.In, acme, globex))).containsExactlyInAnyOrder("Ann", "Bob",
				"Cid");
		assertThat(contactNames(where("parentcustomerid", Operator.Null))).containsExactly("Boss");
	}

	@Test
	void eqUserIdAndNeUserIdCompareOwnerAndCreatorWithTheCurrentUser() {
		UUID userId = user();
		Principal user = Principal.user(userId, Principal.ROOT_BUSINESS_UNIT_ID);
		contact("mine", null, user);
		records.create(SYSTEM, new EntityRecord("contact").set("lastname", "given to me").set("department", batch)
			.set("ownerid", new RecordRef("systemuser", userId)));
		contact("theirs", null, SYSTEM);

		assertThat(contactNames(user, where("ownerid", Operator.EqUserId))).containsExactlyInAnyOrder("mine", "given to me");
		assertThat(contactNames(user, where("ownerid", Operator.NeUserId))).containsExactly("theirs");
		assertThat(contactNames(user, where("createdby", Operator.EqUserId))).containsExactly("mine");
		assertThat(contactNames(user, where("createdby", Operator.NeUserId))).containsExactlyInAnyOrder("given to me",
				"theirs");
		assertThat(contactNames(SYSTEM, where("createdby", Operator.EqUserId))).containsExactlyInAnyOrder("given to me",
				"theirs");
	}

	@Test
	void eqUserIdIsRefusedOnALookupThatCannotHoldAUser() {
		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> contactNames(where("parentcustomerid", Operator.EqUserId)));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("parentcustomerid");
	}

	@Test
	void underFindsEveryDescendantAtAnyDepthAndUnderOrEqualAlsoTheTop() {
		UUID group = account("Group", null);
		UUID north = account("North", group);
		UUID south = account("South", group);
		UUID oslo = account("Oslo", north);
		UUID grunerlokka = account("Grunerlokka", oslo);
		account("Shop", grunerlokka);
		account("Bergen", south);
		UUID other = account("Other group", null);
		account("Other child", other);

		assertThat(accountNames(where("accountid", Operator.Under, group))).containsExactlyInAnyOrder("North", "South",
				"Oslo", "Grunerlokka", "Shop", "Bergen");
		assertThat(accountNames(where("accountid", Operator.UnderOrEqual, group.toString()))).containsExactlyInAnyOrder(
				"Group", "North", "South", "Oslo", "Grunerlokka", "Shop", "Bergen");
		assertThat(accountNames(where("accountid", Operator.Under, north))).containsExactlyInAnyOrder("Oslo", "Grunerlokka",
				"Shop");
		assertThat(accountNames(where("parentaccountid", Operator.Under, oslo))).containsExactlyInAnyOrder("Grunerlokka",
				"Shop");
		assertThat(accountNames(where("accountid", Operator.UnderOrEqual, grunerlokka))).containsExactlyInAnyOrder(
				"Grunerlokka", "Shop");
		assertThat(accountNames(where("accountid", Operator.Under, other))).containsExactly("Other child");
		assertThat(accountNames(Criterion.and(where("accountid", Operator.Under, group),
				where("accountid", Operator.Under, south)))).containsExactly("Bergen");
	}

	@Test
	void underIsRefusedWhereThereIsNoHierarchy() {
		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> contactNames(where("contactid", Operator.Under, UUID.randomUUID())));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("contact");
	}

	/** A Sales Manager of the root business unit: reads and owns contacts across the organization. */
	private UUID user() {
		String name = "user-" + UUID.randomUUID();
		UUID id = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", name).set("fullname", name)
			.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
		records.associate(SYSTEM, new RecordRef("systemuser", id), "systemuserroles_association",
				java.util.List.of(new RecordRef("role", UUID.fromString("00000000-0000-0000-0000-0000000000a2"))));
		return id;
	}

	private UUID account(String name, UUID parent) {
		return records.create(SYSTEM, new EntityRecord("account").set("name", name).set("address1_name", batch)
			.set("parentaccountid", parent == null ? null : new RecordRef("account", parent)));
	}

	private UUID contact(String lastname, RecordRef parent, Principal by) {
		return records.create(by, new EntityRecord("contact").set("lastname", lastname).set("department", batch)
			.set("parentcustomerid", parent));
	}

	private List<String> contactNames(Criterion criterion) {
		return contactNames(SYSTEM, criterion);
	}

	private List<String> contactNames(Principal principal, Criterion criterion) {
		Query query = Query.of("contact").select("lastname").where(where("department", Operator.Eq, batch)).where(criterion);
		return queries.execute(principal, query).records().stream().map(r -> r.getString("lastname")).toList();
	}

	private List<String> accountNames(Criterion criterion) {
		Query query = Query.of("account").select("name").where(where("address1_name", Operator.Eq, batch)).where(criterion);
		return queries.execute(SYSTEM, query).records().stream().map(r -> r.getString("name")).toList();
	}
}
