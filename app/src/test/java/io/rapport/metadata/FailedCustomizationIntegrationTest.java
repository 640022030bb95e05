package io.rapport.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * A customization is all or nothing: when it is refused or fails half-way, neither the metadata nor the schema has
 * changed, and the same customization done right afterwards works.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailedCustomizationIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@LocalServerPort
	int port;

	@Autowired
	Customizations customizations;

	@Autowired
	Metadata metadata;

	@Autowired
	Records records;

	@Autowired
	DSLContext dsl;

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	/** A custom entity the tests add attributes to. */
	final String host = "new_host" + suffix;

	long revision;

	@BeforeAll
	void createHost() {
		createEntity("""
				{"logicalName": "%s", "displayName": "Host", "ownership": "UserOwned",
				 "attributes": [{"name": "new_name", "type": "String"}, {"name": "new_payer", "type": "Customer"}]}
				""".formatted(host));
	}

	@BeforeEach
	void rememberRevision() {
		revision = metadata.revision();
	}

	@Test
	void anEntityNameThatIsTakenIsRefused() {
		RapportException refused = refusedEntity("""
				{"logicalName": "%s", "displayName": "Again", "ownership": "UserOwned"}
				""".formatted(host));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("logicalName").contains("already exists");
		assertNothingChanged();
		assertThat(metadata.entity(host).displayName()).isEqualTo("Host");
	}

	@Test
	void anAttributeNameThatIsTakenIsRefused() {
		for (String name : List.of("new_name", "createdon", "new_payertype", host + "id")) {
			RapportException refused = refusedAttribute(host, "{\"name\": \"%s\", \"type\": \"Integer\"}".formatted(name));

			assertThat(refused.status()).as(name).isEqualTo(400);
			assertThat(refused.getMessage()).as(name).contains(name);
		}
		assertThat(metadata.entity(host).requireAttribute("new_name").type()).isEqualTo(AttributeType.String);
		assertNothingChanged();
	}

	@Test
	void aPolymorphicAttributeWhoseTypeColumnIsTakenIsRefused() {
		customizations.addAttribute(host, attribute("{\"name\": \"new_billtotype\", \"type\": \"String\"}"), SYSTEM);
		revision = metadata.revision();

		RapportException refused = refusedAttribute(host, "{\"name\": \"new_billto\", \"type\": \"Customer\"}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("new_billto");
		assertThat(columnExists(host, "new_billto")).isFalse();
		assertNothingChanged();
	}

	@Test
	void namesWithoutTheCustomPrefixAreRefused() {
		RapportException entity = refusedEntity("""
				{"logicalName": "project%s", "displayName": "Project", "ownership": "UserOwned"}
				""".formatted(suffix));
		RapportException onSystemEntity = refusedAttribute("account", "{\"name\": \"tier%s\", \"type\": \"String\"}".formatted(suffix));

		assertThat(entity.getMessage()).contains("logicalName").contains("new_");
		assertThat(onSystemEntity.getMessage()).contains("new_");
		assertThat(tableExists("project" + suffix)).isFalse();
		assertThat(columnExists("account", "tier" + suffix)).isFalse();
		assertNothingChanged();
	}

	@Test
	void anUnknownTypeIsRefusedThroughTheApi() {
		Api api = Api.admin(port);

		Api.Response badType = api.post("/api/admin/entities/" + host + "/attributes",
				Map.of("name", "new_weight" + suffix, "type", "Float"));
		Api.Response noType = api.post("/api/admin/entities/" + host + "/attributes", Map.of("name", "new_weight" + suffix));

		assertThat(badType.status()).isEqualTo(400);
		assertThat(badType.body()).contains("type").contains("Float");
		assertThat(noType.status()).isEqualTo(400);
		assertThat(noType.body()).contains("type");
		assertThat(columnExists(host, "new_weight" + suffix)).isFalse();
		assertNothingChanged();
	}

	@Test
	void aLookupToAnEntityThatDoesNotExistIsRefusedNamingTheRequest() {
		RapportException refused = refusedAttribute("account",
				"{\"name\": \"new_ghost%sid\", \"type\": \"Lookup\", \"targets\": [\"new_ghost%s\"]}".formatted(suffix, suffix));
		RapportException inNewEntity = refusedEntity("""
				{"logicalName": "new_haunted%s", "displayName": "Haunted", "ownership": "UserOwned",
				 "attributes": [{"name": "new_ghostid", "type": "Lookup", "targets": ["new_ghost%s"]}]}
				""".formatted(suffix, suffix));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.getMessage()).startsWith("request: attribute.targets: ").contains("new_ghost" + suffix);
		assertThat(inNewEntity.status()).isEqualTo(400);
		assertThat(inNewEntity.getMessage()).startsWith("request: attributes[0].targets: ");
		assertThat(columnExists("account", "new_ghost" + suffix + "id")).isFalse();
		assertThat(tableExists("new_haunted" + suffix)).isFalse();
		assertNothingChanged();
	}

	@Test
	void aManyToManyRelationshipCannotTakeAnExistingTableAsItsIntersect() {
		for (String intersect : List.of("teammembership", "rapport_credential", "flyway_schema_history", "account")) {
			String entity = "new_club" + UUID.randomUUID().toString().substring(0, 8);

			RapportException refused = refusedEntity("""
					{"logicalName": "%s", "displayName": "Club", "ownership": "UserOwned",
					 "relationships": [{"schemaName": "%s_members", "type": "ManyToMany", "entity2": "systemuser",
					                    "intersectEntity": "%s"}]}
					""".formatted(entity, entity, intersect));

			assertThat(refused).as(intersect).isNotNull();
			assertThat(refused.status()).as(intersect).isEqualTo(400);
			assertThat(refused.getMessage()).as(intersect).contains("relationships[0].intersectEntity");
			assertThat(tableExists(entity)).as(intersect).isFalse();
		}
		assertNothingChanged();
	}

	@Test
	void aCustomManyToManyRelationshipGetsItsOwnIntersectTable() {
		String entity = "new_club" + suffix;

		createEntity("""
				{"logicalName": "%s", "displayName": "Club", "ownership": "UserOwned",
				 "relationships": [{"schemaName": "%s_members", "type": "ManyToMany", "entity2": "systemuser",
				                    "intersectEntity": "%s_member"}]}
				""".formatted(entity, entity, entity));

		assertThat(tableExists(entity + "_member")).isTrue();
		assertThat(columnExists(entity + "_member", entity + "id")).isTrue();
		assertThat(columnExists(entity + "_member", "systemuserid")).isTrue();
	}

	@Test
	void anEntityThatFailsAfterItsTableWasCreatedLeavesNoTable() {
		String entity = "new_late" + suffix;
		String tooLongToStore = "x".repeat(1_000_001);

		RapportException failed = refusedEntity("""
				{"logicalName": "%s", "displayName": "Late", "ownership": "UserOwned", "description": "%s",
				 "attributes": [{"name": "new_accountid", "type": "Lookup", "targets": ["account"]}]}
				""".formatted(entity, tooLongToStore));

		assertThat(failed.status()).isEqualTo(409);
		assertThat(failed.code()).isEqualTo("CustomizationFailed");
		assertThat(tableExists(entity)).isFalse();
		assertNothingChanged();
		createEntity("""
				{"logicalName": "%s", "displayName": "Late", "ownership": "UserOwned",
				 "attributes": [{"name": "new_accountid", "type": "Lookup", "targets": ["account"]}]}
				""".formatted(entity));
		assertThat(records.create(SYSTEM, new EntityRecord(entity))).isNotNull();
	}

	@Test
	void anAttributeThatFailsAfterItsColumnWasAddedLeavesNoColumn() {
		for (String type : List.of("\"type\": \"Integer\"", "\"type\": \"Lookup\", \"targets\": [\"account\"]",
				"\"type\": \"Customer\"")) {
			String name = "new_late" + UUID.randomUUID().toString().substring(0, 8);
			revision = metadata.revision();

			RapportException failed = refusedAttribute(host, "{\"name\": \"%s\", %s, \"description\": \"%s\"}".formatted(name,
					type, "x".repeat(1_000_001)));

			assertThat(failed.status()).as(type).isEqualTo(409);
			assertThat(columnExists(host, name)).as(type).isFalse();
			assertNothingChanged();
			customizations.addAttribute(host, attribute("{\"name\": \"%s\", %s}".formatted(name, type)), SYSTEM);
			assertThat(columnExists(host, name)).as(type).isTrue();
		}
	}

	private void assertNothingChanged() {
		assertThat(metadata.revision()).as("metadata revision").isEqualTo(revision);
	}

	private void createEntity(String json) {
		customizations.createEntity(DefinitionJson.entity("request", json.getBytes(StandardCharsets.UTF_8)), SYSTEM);
	}

	private RapportException refusedEntity(String json) {
		return catchThrowableOfType(RapportException.class, () -> createEntity(json));
	}

	private RapportException refusedAttribute(String entity, String json) {
		return catchThrowableOfType(RapportException.class,
				() -> customizations.addAttribute(entity, attribute(json), SYSTEM));
	}

	private static EntitySpec.AttributeSpec attribute(String json) {
		return DefinitionJson.attribute("request", json.getBytes(StandardCharsets.UTF_8));
	}

	private boolean tableExists(String table) {
		return dsl.connectionResult(c -> {
			try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), table, null)) {
				return rs.next();
			}
		});
	}

	private boolean columnExists(String table, String column) {
		return dsl.connectionResult(c -> {
			try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, column)) {
				return rs.next();
			}
		});
	}
}
