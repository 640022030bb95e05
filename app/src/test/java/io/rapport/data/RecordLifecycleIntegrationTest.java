package io.rapport.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.RapportTest;

/** Every message of the pipeline on system entities, and the change events it publishes. */
@RapportTest
@RecordApplicationEvents
class RecordLifecycleIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	static final UUID ADMIN = UUID.fromString("00000000-0000-0000-0000-000000000002");

	@Autowired
	Records records;

	@Autowired
	io.rapport.metadata.Customizations customizations;

	@Autowired
	Queries queries;

	@Autowired
	ApplicationEvents events;

	@Autowired
	DSLContext dsl;

	@Test
	void aCreatedRecordComesBackWithItsValuesDefaultsAndSystemColumns() {
		Principal admin = Principal.user(ADMIN, Principal.ROOT_BUSINESS_UNIT_ID);
		OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);

		UUID id = records.create(admin, new EntityRecord("account").set("name", "Created Ltd").set("revenue", "1234.5")
			.set("numberofemployees", 12).set("industrycode", 7));
		EntityRecord account = records.retrieve(admin, "account", id);

		assertThat(account.id()).isEqualTo(id);
		assertThat(account.get("name")).isEqualTo("Created Ltd");
		assertThat(account.get("revenue", BigDecimal.class)).isEqualByComparingTo("1234.50");
		assertThat(account.get("numberofemployees")).isEqualTo(12);
		assertThat(account.get("industrycode")).isEqualTo(7);
		assertThat(account.get("preferredcontactmethodcode")).isEqualTo(1);
		assertThat(account.get("donotemail")).isEqualTo(false);
		assertThat(account.get("ownerid")).isEqualTo(new RecordRef("systemuser", ADMIN));
		assertThat(account.get("createdby")).isEqualTo(new RecordRef("systemuser", ADMIN));
		assertThat(account.get("owningbusinessunit")).isEqualTo(new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID));
		assertThat(account.get("statecode")).isEqualTo(0);
		assertThat(account.get("statuscode")).isEqualTo(1);
		assertThat(account.version()).isEqualTo(1);
		assertThat(account.get("createdon", OffsetDateTime.class)).isAfter(before).isEqualTo(account.get("modifiedon"));
	}

	@Test
	void aRecordGivenToAnotherOwnerBelongsToTheOwnersBusinessUnit() {
		UUID unit = records.create(SYSTEM, new EntityRecord("businessunit").set("name", "Unit " + UUID.randomUUID())
			.set("parentbusinessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
		UUID owner = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", "owner-" + UUID.randomUUID())
			.set("businessunitid", new RecordRef("businessunit", unit)));
		records.associate(SYSTEM, new RecordRef("systemuser", owner), "systemuserroles_association",
				java.util.List.of(new RecordRef("role", UUID.fromString("00000000-0000-0000-0000-0000000000a3"))));
		UUID team = records.create(SYSTEM, new EntityRecord("team").set("name", "Team " + UUID.randomUUID())
			.set("businessunitid", new RecordRef("businessunit", unit)));

		UUID userOwned = records.create(SYSTEM, new EntityRecord("account").set("name", "Given away")
			.set("ownerid", new RecordRef("systemuser", owner)));
		UUID teamOwned = records.create(SYSTEM, new EntityRecord("account").set("name", "Given to a team")
			.set("ownerid", new RecordRef("team", team)));

		assertThat(records.retrieve(SYSTEM, "account", userOwned).get("owningbusinessunit"))
			.isEqualTo(new RecordRef("businessunit", unit));
		assertThat(records.retrieve(SYSTEM, "account", teamOwned).get("ownerid")).isEqualTo(new RecordRef("team", team));
		assertThat(records.retrieve(SYSTEM, "account", teamOwned).get("owningbusinessunit"))
			.isEqualTo(new RecordRef("businessunit", unit));
		assertThat(records.retrieve(SYSTEM, "account", userOwned).get("createdby"))
			.isEqualTo(new RecordRef("systemuser", Principal.SYSTEM_USER_ID));
	}

	@Test
	void aRecordCanBeCreatedWithTheIdTheCallerChose() {
		UUID id = UUID.randomUUID();

		assertThat(records.create(SYSTEM, new EntityRecord("account", id).set("name", "Chosen id"))).isEqualTo(id);
		assertThat(records.retrieve(SYSTEM, "account", id, "name").get("name")).isEqualTo("Chosen id");
	}

	@Test
	void retrieveReturnsOnlyTheColumnsAskedForAndRefusesAMissingRecord() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Columns").set("telephone1", "123"));

		EntityRecord account = records.retrieve(SYSTEM, "account", id, "telephone1");

		assertThat(account.values().keySet()).containsExactlyInAnyOrder("accountid", "telephone1", "versionnumber");
		RapportException missing = catchThrowableOfType(RapportException.class,
				() -> records.retrieve(SYSTEM, "account", UUID.randomUUID()));
		assertThat(missing.status()).isEqualTo(404);
	}

	@Test
	void anUpdateChangesOnlyTheGivenAttributesAndBumpsTheVersion() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Before").set("telephone1", "111")
			.set("address1_city", "Oslo"));
		EntityRecord created = records.retrieve(SYSTEM, "account", id);
		Principal admin = Principal.user(ADMIN, Principal.ROOT_BUSINESS_UNIT_ID);

		records.update(admin, new EntityRecord("account", id).set("name", "After").set("telephone1", null));
		EntityRecord updated = records.retrieve(SYSTEM, "account", id);

		assertThat(updated.get("name")).isEqualTo("After");
		assertThat(updated.get("telephone1")).isNull();
		assertThat(updated.get("address1_city")).isEqualTo("Oslo");
		assertThat(updated.version()).isEqualTo(created.version() + 1);
		assertThat(updated.get("modifiedby")).isEqualTo(new RecordRef("systemuser", ADMIN));
		assertThat(updated.get("createdby")).isEqualTo(created.get("createdby"));
		assertThat(updated.get("createdon")).isEqualTo(created.get("createdon"));
		assertThat(updated.get("modifiedon", OffsetDateTime.class)).isAfterOrEqualTo(created.get("modifiedon", OffsetDateTime.class));
	}

	@Test
	void anUpdateThatChangesNothingKeepsTheVersionAndPublishesNothing() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Same").set("revenue", new BigDecimal("10")));
		events.clear();

		records.update(SYSTEM, new EntityRecord("account", id).set("name", "Same").set("revenue", "10.00"));

		assertThat(records.retrieve(SYSTEM, "account", id).version()).isEqualTo(1);
		assertThat(events.stream(RecordChanged.class)).isEmpty();
	}

	@Test
	void aDeletedRecordIsGoneAndASecondDeleteIsNotFound() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Doomed"));

		records.delete(SYSTEM, new RecordRef("account", id));

		assertThat(catchThrowableOfType(RapportException.class, () -> records.retrieve(SYSTEM, "account", id)).status())
			.isEqualTo(404);
		assertThat(catchThrowableOfType(RapportException.class,
				() -> records.delete(SYSTEM, new RecordRef("account", id))).status()).isEqualTo(404);
		assertThat(catchThrowableOfType(RapportException.class,
				() -> records.update(SYSTEM, new EntityRecord("account", id).set("name", "x"))).status()).isEqualTo(404);
	}

	@Test
	void setStateDeactivatesWithTheDefaultStatusAndReactivates() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Stateful"));
		RecordRef ref = new RecordRef("account", id);

		records.setState(SYSTEM, ref, 1, null);
		EntityRecord inactive = records.retrieve(SYSTEM, "account", id);
		records.setState(SYSTEM, ref, 0, 1);
		EntityRecord active = records.retrieve(SYSTEM, "account", id);

		assertThat(inactive.get("statecode")).isEqualTo(1);
		assertThat(inactive.get("statuscode")).isEqualTo(2);
		assertThat(active.get("statecode")).isEqualTo(0);
		assertThat(active.get("statuscode")).isEqualTo(1);
		assertThat(active.version()).isEqualTo(3);
	}

	@Test
	void setStateUsesTheEntitysOwnStatesAndStatuses() {
		String entity = "new_deal" + UUID.randomUUID().toString().substring(0, 6);
		customizations.createEntity(io.rapport.metadata.DefinitionJson.entity("test", ("{\"logicalName\":\"" + entity
				+ "\",\"displayName\":\"Deal\",\"ownership\":\"UserOwned\",\"states\":["
				+ "{\"value\":0,\"label\":\"Open\",\"defaultStatus\":10,\"statuses\":[{\"value\":10,\"label\":\"New\"}]},"
				+ "{\"value\":1,\"label\":\"Closed\",\"defaultStatus\":30,\"statuses\":[{\"value\":30,\"label\":\"Won\"},"
				+ "{\"value\":31,\"label\":\"Lost\"}]}]}").getBytes()), SYSTEM);
		UUID deal = records.create(SYSTEM, new EntityRecord(entity));
		RecordRef ref = new RecordRef(entity, deal);
		assertThat(records.retrieve(SYSTEM, entity, deal).get("statuscode")).isEqualTo(10);

		records.setState(SYSTEM, ref, 1, 31);

		EntityRecord lost = records.retrieve(SYSTEM, entity, deal);
		assertThat(lost.get("statecode")).isEqualTo(1);
		assertThat(lost.get("statuscode")).isEqualTo(31);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> records.setState(SYSTEM, ref, 0, 31)).isInstanceOf(io.rapport.core.RapportException.class)
			.hasMessageContaining("statuscode");
	}

	@Test
	void associatingContactsWithAnAccountSetsTheirCompanyAndDisassociatingClearsIt() {
		UUID account = records.create(SYSTEM, new EntityRecord("account").set("name", "Parent"));
		UUID other = records.create(SYSTEM, new EntityRecord("account").set("name", "Other parent"));
		UUID ann = contact("Ann", null);
		UUID bob = contact("Bob", null);
		UUID cid = contact("Cid", new RecordRef("account", other));
		RecordRef parent = new RecordRef("account", account);

		records.associate(SYSTEM, parent, "contact_customer_accounts",
				List.of(new RecordRef("contact", ann), new RecordRef("contact", bob)));
		assertThat(companyOf(ann)).isEqualTo(parent);
		assertThat(companyOf(bob)).isEqualTo(parent);

		records.disassociate(SYSTEM, parent, "contact_customer_accounts",
				List.of(new RecordRef("contact", ann), new RecordRef("contact", cid)));
		assertThat(companyOf(ann)).isNull();
		assertThat(companyOf(bob)).isEqualTo(parent);
		assertThat(companyOf(cid)).as("a contact of another account keeps it").isEqualTo(new RecordRef("account", other));
	}

	@Test
	void aContactCanBeGivenItsAccountFromTheContactsSide() {
		UUID account = records.create(SYSTEM, new EntityRecord("account").set("name", "From the child"));
		UUID ann = contact("Ann", null);

		records.associate(SYSTEM, new RecordRef("contact", ann), "contact_customer_accounts",
				List.of(new RecordRef("account", account)));
		assertThat(companyOf(ann)).isEqualTo(new RecordRef("account", account));

		records.disassociate(SYSTEM, new RecordRef("contact", ann), "contact_customer_accounts",
				List.of(new RecordRef("account", account)));
		assertThat(companyOf(ann)).isNull();
	}

	@Test
	void contactsAssociatedWithAParentContactReferToIt() {
		UUID boss = contact("Boss", null);
		UUID ann = contact("Ann", null);
		UUID bob = contact("Bob", null);

		records.associate(SYSTEM, new RecordRef("contact", boss), "contact_customer_contacts",
				List.of(new RecordRef("contact", ann), new RecordRef("contact", bob)));

		assertThat(companyOf(ann)).isEqualTo(new RecordRef("contact", boss));
		assertThat(companyOf(bob)).isEqualTo(new RecordRef("contact", boss));
		assertThat(companyOf(boss)).isNull();
		assertThat(contactsUnder(boss)).containsExactlyInAnyOrder(ann, bob);
	}

	@Test
	void aRelationshipRefusesRecordsOfTheWrongEntity() {
		UUID account = records.create(SYSTEM, new EntityRecord("account").set("name", "Picky"));
		UUID other = records.create(SYSTEM, new EntityRecord("account").set("name", "Not a contact"));

		RapportException wrongSide = catchThrowableOfType(RapportException.class, () -> records.associate(SYSTEM,
				new RecordRef("account", account), "contact_customer_accounts", List.of(new RecordRef("account", other))));
		RapportException unknown = catchThrowableOfType(RapportException.class, () -> records.associate(SYSTEM,
				new RecordRef("account", account), "no_such_relationship", List.of(new RecordRef("account", other))));

		assertThat(wrongSide.status()).isEqualTo(400);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.getMessage()).contains("no_such_relationship");
		assertThat(records.retrieve(SYSTEM, "account", other).version()).isEqualTo(1);
	}

	@Test
	void teamMembershipIsManyToManyFromEitherSide() {
		UUID team = team("Team " + UUID.randomUUID());
		UUID otherTeam = team("Team " + UUID.randomUUID());
		UUID ann = user("ann");
		UUID bob = user("bob");

		records.associate(SYSTEM, new RecordRef("team", team), "teammembership_association",
				List.of(new RecordRef("systemuser", ann), new RecordRef("systemuser", bob)));
		records.associate(SYSTEM, new RecordRef("systemuser", ann), "teammembership_association",
				List.of(new RecordRef("team", otherTeam), new RecordRef("team", team)));
		assertThat(members(team)).containsExactlyInAnyOrder(ann, bob);
		assertThat(members(otherTeam)).containsExactly(ann);

		records.disassociate(SYSTEM, new RecordRef("systemuser", bob), "teammembership_association",
				List.of(new RecordRef("team", team)));
		records.disassociate(SYSTEM, new RecordRef("team", otherTeam), "teammembership_association",
				List.of(new RecordRef("systemuser", ann), new RecordRef("systemuser", bob)));
		assertThat(members(team)).containsExactly(ann);
		assertThat(members(otherTeam)).isEmpty();
	}

	@Test
	void associatingWithAMissingRecordIsRefusedAndChangesNothing() {
		UUID team = team("Team " + UUID.randomUUID());
		UUID ann = user("ann");

		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> records.associate(SYSTEM, new RecordRef("team", team), "teammembership_association",
						List.of(new RecordRef("systemuser", ann), new RecordRef("systemuser", UUID.randomUUID()))));

		assertThat(refused.status()).isEqualTo(404);
		assertThat(members(team)).isEmpty();
	}

	@Test
	void everyChangePublishesWhatChangedAndWho() {
		Principal admin = Principal.user(ADMIN, Principal.ROOT_BUSINESS_UNIT_ID);
		events.clear();

		UUID id = records.create(admin, new EntityRecord("account").set("name", "Evented"));
		records.update(admin, new EntityRecord("account", id).set("name", "Renamed").set("telephone1", "555"));
		records.setState(admin, new RecordRef("account", id), 1, null);
		records.delete(admin, new RecordRef("account", id));

		List<RecordChanged> published = events.stream(RecordChanged.class).toList();
		assertThat(published).extracting(RecordChanged::message)
			.containsExactly(Message.Create, Message.Update, Message.SetState, Message.Delete);
		assertThat(published).allSatisfy(e -> {
			assertThat(e.record()).isEqualTo(new RecordRef("account", id));
			assertThat(e.userId()).isEqualTo(ADMIN);
		});
		assertThat(published.get(0).attributes()).contains("name", "ownerid", "statecode");
		assertThat(published.get(1).attributes()).containsExactlyInAnyOrder("name", "telephone1");
		assertThat(published.get(2).attributes()).containsExactlyInAnyOrder("statecode", "statuscode");
	}

	@Test
	void associatingPublishesTheRelationship() {
		UUID team = team("Team " + UUID.randomUUID());
		UUID ann = user("ann");
		events.clear();

		records.associate(SYSTEM, new RecordRef("team", team), "teammembership_association",
				List.of(new RecordRef("systemuser", ann)));

		assertThat(events.stream(RecordChanged.class)).singleElement().satisfies(e -> {
			assertThat(e.message()).isEqualTo(Message.Associate);
			assertThat(e.record()).isEqualTo(new RecordRef("team", team));
			assertThat(e.attributes()).isEqualTo(Set.of("teammembership_association"));
		});
	}

	private UUID contact(String lastname, RecordRef parent) {
		return records.create(SYSTEM, new EntityRecord("contact").set("lastname", lastname).set("parentcustomerid", parent));
	}

	private RecordRef companyOf(UUID contact) {
		return records.retrieve(SYSTEM, "contact", contact, "parentcustomerid").get("parentcustomerid", RecordRef.class);
	}

	private List<UUID> contactsUnder(UUID parent) {
		return queries.execute(SYSTEM, Query.of("contact").where(Criterion.where("parentcustomerid", Operator.Eq, parent)))
			.records().stream().map(EntityRecord::id).toList();
	}

	private UUID team(String name) {
		return records.create(SYSTEM, new EntityRecord("team").set("name", name)
			.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
	}

	private UUID user(String name) {
		String domainname = name + "-" + UUID.randomUUID();
		return records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", domainname)
			.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
	}

	/** The team's members, read from the intersect table (the query model cannot read intersect tables yet). */
	private List<UUID> members(UUID team) {
		return dsl.select(field(name("systemuserid"), UUID.class))
			.from(table(name("teammembership")))
			.where(field(name("teamid"), UUID.class).eq(team))
			.fetch(0, UUID.class);
	}
}
