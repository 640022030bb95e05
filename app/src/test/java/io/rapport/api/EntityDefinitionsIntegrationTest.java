package io.rapport.api;

import static io.rapport.api.ApiPeople.create;
import static io.rapport.api.ApiPeople.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.api.ApiPeople.User;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/** Dataverse's metadata endpoints: reading entity and attribute definitions, creating custom entities and attributes. */
@RapportTest
class EntityDefinitionsIntegrationTest {

	private static final String DATA = "/api/data/v9.2/";

	@LocalServerPort
	int port;

	private static Map<String, Object> label(String text) {
		return Map.of("@odata.type", "Microsoft.Dynamics.CRM.Label",
				"LocalizedLabels", List.of(Map.of("@odata.type", "Microsoft.Dynamics.CRM.LocalizedLabel", "Label", text, "LanguageCode", 1033)));
	}

	@Test
	@SuppressWarnings("unchecked")
	void entityAndAttributeDefinitionsReadLikeDataverses() {
		User salesperson = ApiPeople.salesperson(port);
		Api.Response all = salesperson.api().get(DATA + "EntityDefinitions");
		assertThat(all.status()).as(all.body()).isEqualTo(200);
		Map<String, Object> account = all.value().stream().filter(e -> "account".equals(e.get("LogicalName"))).findFirst().orElseThrow();
		assertThat(account).containsEntry("EntitySetName", "accounts").containsEntry("PrimaryIdAttribute", "accountid")
			.containsEntry("PrimaryNameAttribute", "name").containsEntry("OwnershipType", "UserOwned").containsEntry("IsCustomEntity", false);
		Map<String, Object> displayName = (Map<String, Object>) account.get("DisplayName");
		assertThat((Map<String, Object>) displayName.get("UserLocalizedLabel")).containsEntry("LanguageCode", 1033).containsKey("Label");

		Api.Response one = salesperson.api().get(DATA + "EntityDefinitions(LogicalName='contact')");
		assertThat(one.status()).as(one.body()).isEqualTo(200);
		assertThat(one.json()).containsEntry("LogicalName", "contact").containsEntry("EntitySetName", "contacts");

		Api.Response attributes = salesperson.api().get(DATA + "EntityDefinitions(LogicalName='contact')/Attributes");
		assertThat(attributes.status()).as(attributes.body()).isEqualTo(200);
		Map<String, Object> email = attributes.value().stream().filter(a -> "emailaddress1".equals(a.get("LogicalName"))).findFirst()
			.orElseThrow();
		assertThat(email).containsEntry("AttributeType", "String").containsEntry("@odata.type", "#Microsoft.Dynamics.CRM.StringAttributeMetadata")
			.containsEntry("FormatName", Map.of("Value", "Email"));
		assertThat(attributes.value()).anySatisfy(a -> assertThat(a).containsEntry("LogicalName", "parentcustomerid")
			.containsEntry("AttributeType", "Customer").containsEntry("Targets", List.of("account", "contact")));

		Api.Response single = salesperson.api().get(DATA + "EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='lastname')");
		assertThat(single.status()).as(single.body()).isEqualTo(200);
		assertThat(single.json()).containsEntry("IsPrimaryName", false).containsEntry("RequiredLevel", Map.of("Value", "ApplicationRequired"));

		Api.Response missing = salesperson.api().get(DATA + "EntityDefinitions(LogicalName='nosuchentity')");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(error(missing)).containsEntry("code", "EntityNotFound");
		Api.Response badKey = salesperson.api().get(DATA + "EntityDefinitions(12)");
		assertThat(badKey.status()).isEqualTo(400);
		assertThat(error(badKey)).containsEntry("code", "InvalidKey");
	}

	@Test
	void anAdministratorCreatesACustomEntityAndAddsAnAttributeWithDataversesMetadataJson() {
		Api admin = Api.admin(port);
		String name = "new_proj" + UUID.randomUUID().toString().substring(0, 6);
		Map<String, Object> entity = Map.of("@odata.type", "Microsoft.Dynamics.CRM.EntityMetadata", "SchemaName", name,
				"DisplayName", label("Project"), "DisplayCollectionName", label("Projects"), "OwnershipType", "UserOwned",
				"HasActivities", false, "Attributes", List.of(Map.of("@odata.type", "Microsoft.Dynamics.CRM.StringAttributeMetadata",
						"AttributeType", "String", "AttributeTypeName", Map.of("Value", "StringType"), "SchemaName", "new_Name",
						"RequiredLevel", Map.of("Value", "ApplicationRequired"), "MaxLength", 100, "FormatName", Map.of("Value", "Text"),
						"DisplayName", label("Name"), "IsPrimaryName", true)));
		Api.Response created = admin.post(DATA + "EntityDefinitions", entity);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("OData-EntityId")).endsWith("EntityDefinitions(LogicalName='" + name + "')");

		Api.Response read = admin.get(DATA + "EntityDefinitions(LogicalName='" + name + "')");
		assertThat(read.json()).containsEntry("IsCustomEntity", true).containsEntry("PrimaryNameAttribute", "new_name");
		String set = (String) read.json().get("EntitySetName");
		String record = create(admin, set, Map.of("new_name", "Apollo"));

		Api.Response added = admin.post(DATA + "EntityDefinitions(LogicalName='" + name + "')/Attributes", Map.of(
				"@odata.type", "Microsoft.Dynamics.CRM.PicklistAttributeMetadata", "SchemaName", "new_Phase",
				"DisplayName", label("Phase"), "RequiredLevel", Map.of("Value", "None"),
				"OptionSet", Map.of("Options", List.of(Map.of("Value", 1, "Label", label("Plan")), Map.of("Value", 2, "Label", label("Build"))))));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(admin.patch(DATA + set + "(" + record + ")", Map.of("new_phase", 2)).status()).isEqualTo(204);
		assertThat(admin.patch(DATA + set + "(" + record + ")", Map.of("new_phase", 3)).status()).isEqualTo(400);
		Api.Response phase = admin.get(DATA + "EntityDefinitions(LogicalName='" + name + "')/Attributes(LogicalName='new_phase')");
		assertThat(phase.json()).containsEntry("AttributeType", "Picklist").containsEntry("IsCustomAttribute", true);

		Api.Response badType = admin.post(DATA + "EntityDefinitions(LogicalName='" + name + "')/Attributes", Map.of(
				"@odata.type", "Microsoft.Dynamics.CRM.ImageAttributeMetadata", "SchemaName", "new_Picture"));
		assertThat(badType.status()).isEqualTo(400);
		assertThat(error(badType).toString()).contains("@odata.type");
		Api.Response noName = admin.post(DATA + "EntityDefinitions", Map.of("DisplayName", label("Nameless")));
		assertThat(noName.status()).isEqualTo(400);
		assertThat(error(noName).toString()).contains("SchemaName");
	}

	@Test
	void onlyAdministratorsCustomize() {
		User salesperson = ApiPeople.salesperson(port);
		Api.Response entity = salesperson.api().post(DATA + "EntityDefinitions", Map.of("SchemaName", "new_sneaky",
				"OwnershipType", "UserOwned", "Attributes", List.of()));
		assertThat(entity.status()).as(entity.body()).isEqualTo(403);
		assertThat(error(entity)).containsEntry("code", "AccessDenied");
		Api.Response attribute = salesperson.api().post(DATA + "EntityDefinitions(LogicalName='account')/Attributes", Map.of(
				"@odata.type", "Microsoft.Dynamics.CRM.StringAttributeMetadata", "SchemaName", "new_Sneaky", "MaxLength", 10));
		assertThat(attribute.status()).isEqualTo(403);
		assertThat(Api.admin(port).get(DATA + "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='new_sneaky')").status())
			.isEqualTo(404);
	}
}
