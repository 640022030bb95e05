package io.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.core.Principal;
import io.rapport.test.Api;

/** Users and records for the customers tests, made over HTTP as an administrator would. */
final class TestPeople {

	static final String SALESPERSON = "00000000-0000-0000-0000-0000000000a3";

	/** A signed-in user: how they call the API, and who they are for in-process calls. */
	record User(Api api, Principal principal) {
	}

	private TestPeople() {
	}

	static UUID businessUnit(int port, String name) {
		Api.Response unit = Api.admin(port).post("/api/admin/businessunits", Map.of("name", name));
		assertThat(unit.status()).as(unit.body()).isEqualTo(201);
		return UUID.fromString((String) unit.json().get("id"));
	}

	static User salesperson(int port, UUID businessUnit) {
		String name = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		Api.Response created = Api.admin(port).post("/api/admin/users", Map.of("domainname", name, "fullname", name,
				"password", "sales-password-1", "roles", List.of(SALESPERSON), "businessunitid", businessUnit.toString()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		UUID id = UUID.fromString((String) created.json().get("id"));
		return new User(new Api(port, name, "sales-password-1"), Principal.user(id, businessUnit));
	}

	/** Creates a record and returns its id; fails the test unless it was created. */
	static String create(Api api, String entitySet, Map<String, ?> values, String... headers) {
		Api.Response r = api.post("/api/data/v9.2/" + entitySet, values, headers);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String location = r.header("OData-EntityId");
		return location.substring(location.indexOf('(') + 1, location.indexOf(')'));
	}
}
