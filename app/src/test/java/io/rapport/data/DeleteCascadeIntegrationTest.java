package io.rapport.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.query.Queries;
import io.rapport.test.RapportTest;

/** A delete applies each relationship's delete behaviour: cascade, remove link or restrict, all or nothing. */
@RapportTest
class DeleteCascadeIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Customizations customizations;

	@Test
	void deletingAnAccountDeletesItsContactsAndTheirContacts() {
		UUID account = account("Parent", null);
		UUID other = account("Other", null);
		UUID ann = contact("Ann", new RecordRef("account", account));
		UUID annsAssistant = contact("Assistant", new RecordRef("contact", ann));
		UUID bob = contact("Bob", new RecordRef("account", account));
		UUID cid = contact("Cid", new RecordRef("account", other));

		records.delete(SYSTEM, new RecordRef("account", account));

		assertThat(exists("account", account)).isFalse();
		assertThat(exists("contact", ann)).isFalse();
		assertThat(exists("contact", annsAssistant)).isFalse();
		assertThat(exists("contact", bob)).isFalse();
		assertThat(exists("contact", cid)).isTrue();
		assertThat(exists("account", other)).isTrue();
	}

	@Test
	void deletingAPrimaryContactClearsTheAccountsLookup() {
		UUID contact = contact("Primary", null);
		UUID account = records.create(SYSTEM, new EntityRecord("account").set("name", "Keeps going")
			.set("primarycontactid", new RecordRef("contact", contact)));

		records.delete(SYSTEM, new RecordRef("contact", contact));

		EntityRecord survivor = records.retrieve(SYSTEM, "account", account);
		assertThat(survivor.get("primarycontactid")).isNull();
		assertThat(survivor.get("name")).isEqualTo("Keeps going");
		assertThat(survivor.version()).isEqualTo(2);
	}

	@Test
	void deletingAParentAccountClearsItsChildrensParent() {
		UUID parent = account("Parent", null);
		UUID child = account("Child", parent);
		UUID grandchild = account("Grandchild", child);

		records.delete(SYSTEM, new RecordRef("account", parent));

		assertThat(records.retrieve(SYSTEM, "account", child).get("parentaccountid")).isNull();
		assertThat(records.retrieve(SYSTEM, "account", grandchild).get("parentaccountid"))
			.isEqualTo(new RecordRef("account", child));
	}

	@Test
	void deletingAnAccountWhosePrimaryContactIsOneOfItsContactsDeletesBoth() {
		UUID account = account("Acme", null);
		UUID contact = contact("Primary", new RecordRef("account", account));
		records.update(SYSTEM, new EntityRecord("account", account).set("primarycontactid", new RecordRef("contact", contact)));

		records.delete(SYSTEM, new RecordRef("account", account));

		assertThat(exists("account", account)).isFalse();
		assertThat(exists("contact", contact)).isFalse();
	}

	@Test
	void deletingAnAccountThatIsItsOwnContactsCompanyAndParentOfAnotherWorks() {
		UUID parent = account("Parent", null);
		UUID child = account("Child", parent);
		UUID contact = contact("Primary of both", new RecordRef("account", parent));
		records.update(SYSTEM, new EntityRecord("account", parent).set("primarycontactid", new RecordRef("contact", contact)));
		records.update(SYSTEM, new EntityRecord("account", child).set("primarycontactid", new RecordRef("contact", contact)));

		records.delete(SYSTEM, new RecordRef("account", parent), 2);

		assertThat(exists("account", parent)).isFalse();
		assertThat(exists("contact", contact)).isFalse();
		EntityRecord survivor = records.retrieve(SYSTEM, "account", child);
		assertThat(survivor.get("parentaccountid")).isNull();
		assertThat(survivor.get("primarycontactid")).isNull();
	}

	@Test
	void aBusinessUnitWithUsersCannotBeDeletedAndNothingIsDeleted() {
		UUID unit = businessUnit("Sales " + UUID.randomUUID(), Principal.ROOT_BUSINESS_UNIT_ID);
		UUID user = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", "seller-" + UUID.randomUUID())
			.set("businessunitid", new RecordRef("businessunit", unit)));

		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> records.delete(SYSTEM, new RecordRef("businessunit", unit)));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("DeleteRestricted");
		assertThat(refused.getMessage()).contains("business_unit_system_users");
		assertThat(exists("businessunit", unit)).isTrue();
		assertThat(exists("systemuser", user)).isTrue();
	}

	@Test
	void aBusinessUnitWithChildUnitsCannotBeDeletedButAnEmptyOneCan() {
		UUID unit = businessUnit("Region " + UUID.randomUUID(), Principal.ROOT_BUSINESS_UNIT_ID);
		UUID child = businessUnit("Branch " + UUID.randomUUID(), unit);

		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> records.delete(SYSTEM, new RecordRef("businessunit", unit)));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(exists("businessunit", child)).isTrue();

		records.delete(SYSTEM, new RecordRef("businessunit", child));
		records.delete(SYSTEM, new RecordRef("businessunit", unit));
		assertThat(exists("businessunit", unit)).isFalse();
	}

	@Test
	void aRestrictFoundDeepInACascadeUndoesTheWholeDelete() {
		String entity = "new_pinned" + UUID.randomUUID().toString().substring(0, 8);
		customizations.createEntity(DefinitionJson.entity("test", """
				{"logicalName": "%s", "displayName": "Pin", "ownership": "UserOwned",
				 "attributes": [{"name": "new_contactid", "type": "Lookup", "targets": ["contact"],
				   "relationship": {"schemaName": "%s_contact", "referencedEntity": "contact", "cascade": {"delete": "Restrict"}}}]}
				""".formatted(entity, entity).getBytes(StandardCharsets.UTF_8)), SYSTEM);
		UUID account = account("Pinned down", null);
		UUID free = contact("Free", new RecordRef("account", account));
		UUID pinned = contact("Pinned", new RecordRef("account", account));
		UUID child = account("Child", account);
		records.create(SYSTEM, new EntityRecord(entity).set("new_contactid", new RecordRef("contact", pinned)));

		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> records.delete(SYSTEM, new RecordRef("account", account)));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("DeleteRestricted");
		assertThat(exists("account", account)).isTrue();
		assertThat(exists("contact", free)).isTrue();
		assertThat(exists("contact", pinned)).isTrue();
		assertThat(records.retrieve(SYSTEM, "account", child).get("parentaccountid")).isEqualTo(new RecordRef("account", account));
	}

	private UUID account(String name, UUID parent) {
		return records.create(SYSTEM, new EntityRecord("account").set("name", name)
			.set("parentaccountid", parent == null ? null : new RecordRef("account", parent)));
	}

	private UUID contact(String lastname, RecordRef parent) {
		return records.create(SYSTEM, new EntityRecord("contact").set("lastname", lastname).set("parentcustomerid", parent));
	}

	private UUID businessUnit(String name, UUID parent) {
		return records.create(SYSTEM, new EntityRecord("businessunit").set("name", name)
			.set("parentbusinessunitid", new RecordRef("businessunit", parent)));
	}

	private boolean exists(String entity, UUID id) {
		return queries.retrieve(SYSTEM, entity, id, List.of()).isPresent();
	}
}
