package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.metadata.Metadata;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class CustomizationRoundTripIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	Metadata metadata;

	@Test
	void customFieldOnSystemEntityIsImmediatelyUsableForCrudAndQueries() {
		Api api = Api.admin(port);
		Api.Response added = api.post("/api/admin/entities/account/attributes", Map.of("name", "new_tier", "type", "Picklist",
				"displayName", "Tier", "options", List.of(Map.of("value", 1, "label", "Gold"), Map.of("value", 2, "label", "Silver"))));
		assertThat(added.status()).as(added.body()).isEqualTo(201);

		Api.Response created = api.post("/api/data/v9.2/accounts", Map.of("name", "Tiered Ltd", "new_tier", 1),
				"Prefer", "return=representation");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = (String) created.json().get("accountid");
		assertThat(created.json()).containsEntry("new_tier", 1);

		assertThat(api.patch("/api/data/v9.2/accounts(" + id + ")", Map.of("new_tier", 2)).status()).isEqualTo(204);
		assertThat(api.get("/api/data/v9.2/accounts(" + id + ")?$select=name,new_tier").json()).containsEntry("new_tier", 2);

		Api.Response query = api.post("/api/query", Map.of("entity", "account", "columns", List.of("name", "new_tier"),
				"filter", Map.of("attribute", "new_tier", "operator", "Eq", "values", List.of(2))));
		assertThat(query.status()).as(query.body()).isEqualTo(200);
		assertThat((List<?>) query.json().get("records")).hasSize(1);

		Api.Response wrongOption = api.patch("/api/data/v9.2/accounts(" + id + ")", Map.of("new_tier", 7));
		assertThat(wrongOption.status()).isEqualTo(400);
		assertThat(wrongOption.body()).contains("new_tier");

		assertThat(api.delete("/api/data/v9.2/accounts(" + id + ")").status()).isEqualTo(204);
		assertThat(api.get("/api/data/v9.2/accounts(" + id + ")").status()).isEqualTo(404);
	}

	@Test
	void customEntityGetsItsOwnTableAndApi() {
		Api api = Api.admin(port);
		Api.Response created = api.post("/api/admin/entities", Map.of("logicalName", "new_project", "entitySetName",
				"new_projects", "displayName", "Project", "ownership", "UserOwned", "primaryNameAttribute", "new_name",
				"attributes", List.of(Map.of("name", "new_name", "type", "String", "maxLength", 100, "required", "ApplicationRequired"),
						Map.of("name", "new_budget", "type", "Money"),
						Map.of("name", "new_accountid", "type", "Lookup", "targets", List.of("account")),
						Map.of("name", "new_start", "type", "DateOnly"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(metadata.find("new_project")).isPresent();

		Api.Response project = api.post("/api/data/v9.2/new_projects",
				Map.of("new_name", "Apollo", "new_budget", 1250.5, "new_start", "2026-12-01"), "Prefer", "return=representation");
		assertThat(project.status()).as(project.body()).isEqualTo(201);
		assertThat(project.json()).containsEntry("new_start", "2026-12-01");

		Api.Response missingName = api.post("/api/data/v9.2/new_projects", Map.of("new_budget", 3));
		assertThat(missingName.status()).isEqualTo(400);
		assertThat(missingName.body()).contains("new_name");
	}

	@Test
	void failedCustomizationChangesNothing() {
		Api api = Api.admin(port);
		long revision = metadata.revision();
		Api.Response noPrefix = api.post("/api/admin/entities/account/attributes", Map.of("name", "tier", "type", "String"));
		assertThat(noPrefix.status()).isEqualTo(400);
		assertThat(noPrefix.body()).contains("new_");
		Api.Response badType = api.post("/api/admin/entities/account/attributes", Map.of("name", "new_x", "type", "Strng"));
		assertThat(badType.status()).isEqualTo(400);
		assertThat(badType.body()).contains("type");
		Api.Response duplicate = api.post("/api/admin/entities/account/attributes", Map.of("name", "name", "type", "String"));
		assertThat(duplicate.status()).isEqualTo(400);
		assertThat(metadata.revision()).isEqualTo(revision);
		assertThat(metadata.entity("account").attribute("new_x")).isEmpty();
	}
}
