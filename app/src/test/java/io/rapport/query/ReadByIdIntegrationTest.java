package io.rapport.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.test.RapportTest;

/**
 * A read by id is compiled and rendered once per principal, entity and columns, and kept: these reads repeat the same
 * read around a change of roles, field security and metadata, and must see each change at once.
 */
@RapportTest
class ReadByIdIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();
	private static final UUID SALESPERSON = UUID.fromString("00000000-0000-0000-0000-0000000000a3");

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Customizations customizations;

	private Principal salesperson() {
		UUID id = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", "rbi-" + UUID.randomUUID())
			.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
		records.associate(SYSTEM, new RecordRef("systemuser", id), "systemuserroles_association",
				List.of(new RecordRef("role", SALESPERSON)));
		return Principal.user(id, Principal.ROOT_BUSINESS_UNIT_ID);
	}

	@Test
	void losingTheRoleThatGrantsReadHidesTheRecordAtOnce() {
		Principal user = salesperson();
		UUID other = salesperson().userId();
		UUID contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Kept read")
			.set("ownerid", new RecordRef("systemuser", other)));
		List<String> columns = List.of("lastname");
		assertThat(queries.retrieve(user, "contact", contact, columns)).as("same business unit").isPresent();
		assertThat(queries.retrieve(user, "contact", contact, columns)).isPresent();

		records.disassociate(SYSTEM, new RecordRef("systemuser", user.userId()), "systemuserroles_association",
				List.of(new RecordRef("role", SALESPERSON)));
		assertThat(queries.retrieve(user, "contact", contact, columns)).isEmpty();

		records.associate(SYSTEM, new RecordRef("systemuser", user.userId()), "systemuserroles_association",
				List.of(new RecordRef("role", SALESPERSON)));
		assertThat(queries.retrieve(user, "contact", contact, columns)).isPresent();
	}

	@Test
	void aFieldSecurityProfileGivenOrTakenChangesTheNextReadOfTheSameColumns() {
		String field = "new_rbi" + UUID.randomUUID().toString().substring(0, 6);
		customizations.addAttribute("contact", DefinitionJson.attribute("test",
				("{\"name\":\"" + field + "\",\"type\":\"Integer\",\"secured\":true}").getBytes()), SYSTEM);
		Principal user = salesperson();
		UUID contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Secret").set(field, 7)
			.set("ownerid", new RecordRef("systemuser", user.userId())));
		List<String> columns = List.of("lastname", field);
		assertThat(queries.retrieve(user, "contact", contact, columns).orElseThrow().has(field)).isFalse();

		UUID profile = records.create(SYSTEM, new EntityRecord("fieldsecurityprofile").set("name", "Readers " + field));
		records.create(SYSTEM, new EntityRecord("fieldpermission").set("fieldsecurityprofileid", new RecordRef("fieldsecurityprofile", profile))
			.set("entityname", "contact").set("attributelogicalname", field).set("canread", 4).set("cancreate", 0).set("canupdate", 0));
		records.associate(SYSTEM, new RecordRef("fieldsecurityprofile", profile), "systemuserprofiles_association",
				List.of(new RecordRef("systemuser", user.userId())));
		assertThat(queries.retrieve(user, "contact", contact, columns).orElseThrow().get(field)).isEqualTo(7);

		records.disassociate(SYSTEM, new RecordRef("fieldsecurityprofile", profile), "systemuserprofiles_association",
				List.of(new RecordRef("systemuser", user.userId())));
		assertThat(queries.retrieve(user, "contact", contact, columns).orElseThrow().has(field)).isFalse();
	}

	@Test
	void anAttributeAddedByCustomizationIsReadByTheSameReadAllColumns() {
		UUID contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Before the field"));
		String field = "new_rbc" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(queries.retrieve(SYSTEM, "contact", contact, List.of()).orElseThrow().has(field)).isFalse();
		customizations.addAttribute("contact", DefinitionJson.attribute("test",
				("{\"name\":\"" + field + "\",\"type\":\"String\",\"maxLength\":20}").getBytes()), SYSTEM);
		records.update(SYSTEM, new EntityRecord("contact", contact).set(field, "after"));
		assertThat(queries.retrieve(SYSTEM, "contact", contact, List.of()).orElseThrow().get(field)).isEqualTo("after");
	}

	@Test
	void eachIdGetsItsOwnRowAndAMissingIdNone() {
		UUID first = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "First of two"));
		UUID second = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Second of two"));
		List<String> columns = List.of("lastname");
		assertThat(queries.retrieve(SYSTEM, "contact", first, columns).orElseThrow().get("lastname")).isEqualTo("First of two");
		assertThat(queries.retrieve(SYSTEM, "contact", second, columns).orElseThrow().get("lastname")).isEqualTo("Second of two");
		assertThat(queries.retrieve(SYSTEM, "contact", UUID.randomUUID(), columns)).isEmpty();
		assertThat(queries.retrieve(SYSTEM, "contact", first, List.of("lastname", "firstname")).orElseThrow().values())
			.containsKeys("lastname", "firstname", "contactid", "versionnumber");
	}
}
