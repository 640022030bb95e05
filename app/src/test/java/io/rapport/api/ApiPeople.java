package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.test.Api;

/** Users, records and OData parameter aliases for the Web API tests, made over HTTP as an administrator would. */
final class ApiPeople {

	static final String SALESPERSON = "00000000-0000-0000-0000-0000000000a3";
	static final String NS = "Microsoft.Dynamics.CRM.";

	/** A signed-in user: how they call the API, and their systemuserid. */
	record User(Api api, String id) {
	}

	private ApiPeople() {
	}

	static String businessUnit(int port) {
		Api.Response unit = Api.admin(port).post("/api/admin/businessunits", Map.of("name", "Unit " + UUID.randomUUID()));
		assertThat(unit.status()).as(unit.body()).isEqualTo(201);
		return (String) unit.json().get("id");
	}

	/** A Salesperson in a business unit of their own: they see their own records and their unit's, nobody else's. */
	static User salesperson(int port) {
		String name = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = Api.admin(port).post("/api/admin/users", Map.of("domainname", name, "fullname", name,
				"password", "sales-password-1", "roles", List.of(SALESPERSON), "businessunitid", businessUnit(port)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new User(new Api(port, name, "sales-password-1"), (String) created.json().get("id"));
	}

	static String create(Api api, String entitySet, Map<String, ?> values, String... headers) {
		Api.Response r = api.post("/api/data/v9.2/" + entitySet, values, headers);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String location = r.header("OData-EntityId");
		return location.substring(location.lastIndexOf('(') + 1, location.lastIndexOf(')'));
	}

	/** An entity parameter as Dataverse clients send it. */
	static Map<String, Object> ref(String entity, String id) {
		return Map.of("@odata.type", NS + entity, entity + "id", id);
	}

	/** A query-string alias value, URL-encoded. */
	static String alias(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** The Dataverse error of a response: its code and message, with the details' targets. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> error(Api.Response r) {
		assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/json");
		return (Map<String, Object>) r.json().get("error");
	}
}
