package io.rapport.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.RapportTest;

/**
 * Every attribute type an admin can add at runtime stores what was given and gives it back: on a custom entity
 * created with all of them at once, and on one whose attributes were added one at a time.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttributeTypeRoundTripIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	/** One attribute of each type (and each text format), as an admin would post it. */
	static final List<String> ATTRIBUTES = List.of(
			"{\"name\": \"new_text\", \"type\": \"String\", \"maxLength\": 40}",
			"{\"name\": \"new_email\", \"type\": \"String\", \"format\": \"Email\"}",
			"{\"name\": \"new_phone\", \"type\": \"String\", \"format\": \"Phone\"}",
			"{\"name\": \"new_url\", \"type\": \"String\", \"format\": \"Url\", \"maxLength\": 200}",
			"{\"name\": \"new_area\", \"type\": \"String\", \"format\": \"TextArea\", \"maxLength\": 4000}",
			"{\"name\": \"new_memo\", \"type\": \"Memo\", \"maxLength\": 100000}",
			"{\"name\": \"new_int\", \"type\": \"Integer\"}",
			"{\"name\": \"new_big\", \"type\": \"BigInt\"}",
			"{\"name\": \"new_dec\", \"type\": \"Decimal\", \"precision\": 5}",
			"{\"name\": \"new_dbl\", \"type\": \"Double\"}",
			"{\"name\": \"new_money\", \"type\": \"Money\", \"precision\": 4}",
			"{\"name\": \"new_flag\", \"type\": \"Boolean\"}",
			"{\"name\": \"new_when\", \"type\": \"DateTime\"}",
			"{\"name\": \"new_day\", \"type\": \"DateOnly\"}",
			"{\"name\": \"new_choice\", \"type\": \"Picklist\", \"options\": [{\"value\": 100000000, \"label\": \"One\"}, {\"value\": 100000001, \"label\": \"Two\"}]}",
			"{\"name\": \"new_choices\", \"type\": \"MultiSelectPicklist\", \"options\": [{\"value\": 1, \"label\": \"Red\"}, {\"value\": 2, \"label\": \"Green\"}, {\"value\": 3, \"label\": \"Blue\"}]}",
			"{\"name\": \"new_accountid\", \"type\": \"Lookup\", \"targets\": [\"account\"]}",
			"{\"name\": \"new_customer\", \"type\": \"Customer\"}",
			"{\"name\": \"new_guid\", \"type\": \"Uniqueidentifier\"}");

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Customizations customizations;

	@Autowired
	Metadata metadata;

	@Autowired
	io.rapport.audit.AuditHistory history;

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	final String allAtOnce = "new_types" + suffix;

	final String oneByOne = "new_added" + suffix;

	UUID account;

	UUID contact;

	@BeforeAll
	void createEntities() {
		customizations.createEntity(DefinitionJson.entity("test", ("{\"logicalName\": \"" + allAtOnce
				+ "\", \"displayName\": \"Typed\", \"ownership\": \"UserOwned\", \"attributes\": [" + String.join(",", ATTRIBUTES)
				+ "]}").getBytes(StandardCharsets.UTF_8)), SYSTEM);
		customizations.createEntity(DefinitionJson.entity("test", ("{\"logicalName\": \"" + oneByOne
				+ "\", \"displayName\": \"Extended\", \"ownership\": \"OrganizationOwned\"}").getBytes(StandardCharsets.UTF_8)),
				SYSTEM);
		for (String attribute : ATTRIBUTES) {
			customizations.addAttribute(oneByOne, DefinitionJson.attribute("test", attribute.getBytes(StandardCharsets.UTF_8)),
					SYSTEM);
		}
		account = records.create(SYSTEM, new EntityRecord("account").set("name", "Referenced"));
		contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Referenced"));
	}

	@Test
	void everyTypeAnAdminCanAddIsCovered() {
		Set<AttributeType> covered = EnumSet.noneOf(AttributeType.class);
		metadata.entity(allAtOnce).attributes().stream().filter(AttributeDefinition::custom).forEach(a -> covered.add(a.type()));

		assertThat(covered).isEqualTo(EnumSet.complementOf(EnumSet.of(AttributeType.Owner, AttributeType.State,
				AttributeType.Status)));
		assertThat(metadata.entity(oneByOne).attributes()).filteredOn(AttributeDefinition::custom).hasSize(ATTRIBUTES.size());
	}

	@Test
	void typedValuesComeBackEqual() {
		for (String entity : List.of(allAtOnce, oneByOne)) {
			Map<String, Object> values = typedValues();

			EntityRecord stored = roundTrip(entity, values);

			values.forEach((attribute, value) -> assertSameValue(entity + "." + attribute, stored.get(attribute), value));
		}
	}

	/**
	 * A bulk create of more rows than {@code JdbcBatch} copies from writes them (on PostgreSQL) with COPY's text
	 * format: every type, and text with what that format escapes, comes back as given, in the records and in their
	 * change history.
	 */
	@Test
	void typedValuesOfABulkCreateComeBackEqualWithTheirHistory() {
		List<String> texts = List.of("tab\there", "line\nbreak\r\nwindows", "back\\slash \\N \\t", "\\N", "", " ",
				"Grüße ✓ 'quoted' \"double\"", "end with backslash\\");
		for (String entity : List.of(allAtOnce, oneByOne)) {
			List<EntityRecord> inputs = new java.util.ArrayList<>();
			for (int i = 0; i < 30; i++) {
				Map<String, Object> values = typedValues();
				values.put("new_text", texts.get(i % texts.size()));
				values.put("new_memo", i % 3 == 0 ? null : texts.get((i + 1) % texts.size()) + i);
				values.put("new_dbl", i % 2 == 0 ? Double.MAX_VALUE : 1.5e-300);
				inputs.add(record(entity, values));
			}

			List<UUID> ids = records.createMultiple(SYSTEM, inputs);

			for (int i = 0; i < ids.size(); i++) {
				EntityRecord stored = records.retrieve(SYSTEM, entity, ids.get(i));
				EntityRecord given = inputs.get(i);
				for (String attribute : typedValues().keySet()) {
					assertSameValue(entity + "[" + i + "]." + attribute, stored.get(attribute), given.get(attribute));
				}
				var created = history.forRecord(SYSTEM, new RecordRef(entity, ids.get(i))).get(0);
				assertThat(created.changes()).as(entity + "[" + i + "] history")
					.contains(new io.rapport.audit.AuditEntry.AttributeChange("new_text", null, texts.get(i % texts.size())));
			}
		}
	}

	@Test
	void valuesGivenAsJsonTextAndNumbersComeBackTyped() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("new_int", "42");
		json.put("new_big", 9_000_000_000L);
		json.put("new_dec", "3.14159");
		json.put("new_dbl", 2.5);
		json.put("new_money", 19.99);
		json.put("new_flag", "true");
		json.put("new_when", "2030-01-02T03:04:05+02:00");
		json.put("new_day", "2030-01-02");
		json.put("new_choice", "100000001");
		json.put("new_choices", "3,1");
		json.put("new_accountid", account.toString());
		json.put("new_customer", Map.of("entity", "contact", "id", contact.toString()));
		json.put("new_guid", "0f8fad5b-d9cb-469f-a165-70867728950e");

		EntityRecord stored = roundTrip(allAtOnce, json);

		assertThat(stored.get("new_int")).isEqualTo(42);
		assertThat(stored.get("new_big")).isEqualTo(9_000_000_000L);
		assertThat(stored.get("new_dec", BigDecimal.class)).isEqualByComparingTo("3.14159");
		assertThat(stored.get("new_dbl")).isEqualTo(2.5);
		assertThat(stored.get("new_money", BigDecimal.class)).isEqualByComparingTo("19.99");
		assertThat(stored.get("new_flag")).isEqualTo(true);
		assertThat(stored.get("new_when")).isEqualTo(OffsetDateTime.parse("2030-01-02T01:04:05Z"));
		assertThat(stored.get("new_day")).isEqualTo(LocalDate.of(2030, 1, 2));
		assertThat(stored.get("new_choice")).isEqualTo(100000001);
		assertThat(stored.get("new_choices")).isEqualTo(Set.of(1, 3));
		assertThat(stored.get("new_accountid")).isEqualTo(new RecordRef("account", account));
		assertThat(stored.get("new_customer")).isEqualTo(new RecordRef("contact", contact));
		assertThat(stored.get("new_guid")).isEqualTo(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
	}

	@Test
	void everyValueCanBeChangedAndCleared() {
		for (String entity : List.of(allAtOnce, oneByOne)) {
			UUID id = records.create(SYSTEM, record(entity, typedValues()));
			EntityRecord changes = new EntityRecord(entity, id);
			changed().forEach(changes::set);
			records.update(SYSTEM, changes);
			EntityRecord changed = records.retrieve(SYSTEM, entity, id);
			changed().forEach((attribute, value) -> assertSameValue(entity + "." + attribute, changed.get(attribute), value));

			EntityRecord cleared = new EntityRecord(entity, id);
			typedValues().keySet().forEach(attribute -> cleared.set(attribute, null));
			records.update(SYSTEM, cleared);
			EntityRecord empty = records.retrieve(SYSTEM, entity, id);
			typedValues().keySet().forEach(attribute -> assertThat(empty.get(attribute)).as(entity + "." + attribute).isNull());
		}
	}

	@Test
	void eachStoredValueIsFoundByAnEqualsCondition() {
		Map<String, Object> values = typedValues();
		values.remove("new_choices");
		values.remove("new_memo");
		UUID id = records.create(SYSTEM, record(allAtOnce, values));

		values.forEach((attribute, value) -> assertThat(queries.execute(SYSTEM, Query.of(allAtOnce)
			.where(Criterion.where(attribute, Operator.Eq, value))).records()).as(attribute)
			.extracting(EntityRecord::id).contains(id));
	}

	private Map<String, Object> typedValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("new_text", "Grüße, 'quoted' \"text\" ✓");
		values.put("new_email", "someone@example.com");
		values.put("new_phone", "+47 22 33 44 55");
		values.put("new_url", "https://example.com/a?b=c&d=e");
		values.put("new_area", "line one\nline two\n" + "x".repeat(3000));
		values.put("new_memo", "m".repeat(50_000));
		values.put("new_int", Integer.MIN_VALUE);
		values.put("new_big", Long.MAX_VALUE);
		values.put("new_dec", new BigDecimal("-123456789012345678.12345"));
		values.put("new_dbl", 6.02214076e23);
		values.put("new_money", new BigDecimal("1234567890123456789.1234"));
		values.put("new_flag", false);
		values.put("new_when", OffsetDateTime.parse("1999-12-31T23:59:59.123456Z"));
		values.put("new_day", LocalDate.of(1900, 2, 28));
		values.put("new_choice", 100000000);
		values.put("new_choices", Set.of(1, 2, 3));
		values.put("new_accountid", new RecordRef("account", account));
		values.put("new_customer", new RecordRef("account", account));
		values.put("new_guid", UUID.randomUUID());
		return values;
	}

	private Map<String, Object> changed() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("new_text", "changed");
		values.put("new_int", 0);
		values.put("new_big", -1L);
		values.put("new_dec", new BigDecimal("0.00001"));
		values.put("new_dbl", -0.5);
		values.put("new_money", new BigDecimal("0.0001"));
		values.put("new_flag", true);
		values.put("new_when", OffsetDateTime.parse("2100-01-01T00:00:00Z"));
		values.put("new_day", LocalDate.of(2100, 1, 1));
		values.put("new_choice", 100000001);
		values.put("new_choices", Set.of(2));
		values.put("new_customer", new RecordRef("contact", contact));
		return values;
	}

	private static void assertSameValue(String attribute, Object actual, Object expected) {
		if (expected instanceof BigDecimal number) {
			assertThat((BigDecimal) actual).as(attribute).isEqualByComparingTo(number);
		} else {
			assertThat(actual).as(attribute).isEqualTo(expected);
		}
	}

	private EntityRecord roundTrip(String entity, Map<String, Object> values) {
		return records.retrieve(SYSTEM, entity, records.create(SYSTEM, record(entity, values)));
	}

	private static EntityRecord record(String entity, Map<String, Object> values) {
		EntityRecord record = new EntityRecord(entity);
		values.forEach(record::set);
		return record;
	}
}
