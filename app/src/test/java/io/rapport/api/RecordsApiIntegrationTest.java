package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class RecordsApiIntegrationTest {

	@LocalServerPort
	int port;

	private String createAccount(Api api, String name) {
		Api.Response r = api.post("/api/data/v9.2/accounts", Map.of("name", name));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String entityId = r.header("OData-EntityId");
		return entityId.substring(entityId.indexOf('(') + 1, entityId.indexOf(')'));
	}

	@Test
	void patchAssignsWithOwnerBindAndChangesStateAsDataverseDoes() {
		Api api = Api.admin(port);
		String account = createAccount(api, "Patched owner");
		Api.Response team = api.post("/api/data/v9.2/teams", Map.of("name", "Patch owners " + account, "teamtype", 0,
				"businessunitid@odata.bind", "/businessunits(00000000-0000-0000-0000-000000000010)"));
		assertThat(team.status()).as(team.body()).isEqualTo(201);
		String teamId = team.header("OData-EntityId").replaceAll(".*\\(([0-9a-f-]{36})\\).*", "$1");
		String etag = api.get("/api/data/v9.2/accounts(" + account + ")").header("ETag");

		Api.Response patched = api.patch("/api/data/v9.2/accounts(" + account + ")", Map.of("name", "Patched and assigned",
				"ownerid@odata.bind", "/teams(" + teamId + ")", "statecode", 1, "statuscode", 2), "If-Match", etag);
		assertThat(patched.status()).as(patched.body()).isEqualTo(204);
		Map<String, Object> after = api.get("/api/data/v9.2/accounts(" + account + ")?$select=name,_ownerid_value,statecode,statuscode").json();
		assertThat(after).containsEntry("name", "Patched and assigned").containsEntry("_ownerid_value", teamId)
			.containsEntry("statecode", 1).containsEntry("statuscode", 2);

		// the old ETag is stale now: nothing changes, and 412 says why
		Api.Response stale = api.patch("/api/data/v9.2/accounts(" + account + ")", Map.of("statecode", 0), "If-Match", etag);
		assertThat(stale.status()).isEqualTo(412);
		assertThat(api.get("/api/data/v9.2/accounts(" + account + ")?$select=statecode").json()).containsEntry("statecode", 1);
		// reactivating with statuscode alone keeps the state the record has; with statecode it changes
		assertThat(api.patch("/api/data/v9.2/accounts(" + account + ")", Map.of("statecode", 0)).status()).isEqualTo(204);
		assertThat(api.get("/api/data/v9.2/accounts(" + account + ")?$select=statecode").json()).containsEntry("statecode", 0);
	}

	@Test
	void contactIsBoundToItsAccountAndReadBackAsALookupValue() {
		Api api = Api.admin(port);
		String account = createAccount(api, "Bound Corp");
		Api.Response contact = api.post("/api/data/v9.2/contacts", Map.of("firstname", "Ada", "lastname", "Lovelace",
				"parentcustomerid_account@odata.bind", "/accounts(" + account + ")"), "Prefer", "return=representation");
		assertThat(contact.status()).as(contact.body()).isEqualTo(201);
		assertThat(contact.json()).containsEntry("_parentcustomerid_value", account)
			.containsEntry("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", "account")
			.containsEntry("fullname", "Ada Lovelace");
		assertThat(contact.header("ETag")).isEqualTo("W/\"1\"");

		Api.Response wrongType = api.post("/api/data/v9.2/contacts", Map.of("lastname", "X",
				"parentcustomerid_contact@odata.bind", "/accounts(" + account + ")"));
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().get("error").toString()).contains("parentcustomerid");
	}

	@Test
	void etagsGuardUpdatesAndDeletesAndSaveRereads() {
		Api api = Api.admin(port);
		String id = createAccount(api, "Etag Ltd");
		String url = "/api/data/v9.2/accounts(" + id + ")";
		Api.Response read = api.get(url);
		String etag = read.header("ETag");
		assertThat(api.get(url, "If-None-Match", etag).status()).isEqualTo(304);
		assertThat(api.patch(url, Map.of("telephone1", "555"), "If-Match", etag).status()).isEqualTo(204);
		Api.Response stale = api.patch(url, Map.of("telephone1", "666"), "If-Match", etag);
		assertThat(stale.status()).isEqualTo(412);
		assertThat(api.get(url).json()).containsEntry("telephone1", "555");
		assertThat(api.delete(url, "If-Match", etag).status()).isEqualTo(412);
		assertThat(api.delete(url, "If-Match", api.get(url).header("ETag")).status()).isEqualTo(204);
	}

	@Test
	void patchOnAMissingIdCreatesTheRecordUnlessIfMatchSaysItMustExist() {
		Api api = Api.admin(port);
		String id = java.util.UUID.randomUUID().toString();
		assertThat(api.patch("/api/data/v9.2/accounts(" + id + ")", Map.of("name", "Upserted"), "If-Match", "*").status())
			.isEqualTo(404);
		assertThat(api.patch("/api/data/v9.2/accounts(" + id + ")", Map.of("name", "Upserted")).status()).isEqualTo(201);
		assertThat(api.get("/api/data/v9.2/accounts(" + id + ")").json()).containsEntry("name", "Upserted");
	}

	@Test
	void pagesFollowTheNextLinkWithoutRepeatsOrGaps() {
		Api api = Api.admin(port);
		for (int i = 0; i < 7; i++) {
			createAccount(api, "Paged " + i);
		}
		Set<String> seen = new HashSet<>();
		int pages = 0;
		String next = "/api/data/v9.2/accounts?$select=name&$orderby=name desc".replace(" ", "%20");
		while (next != null) {
			Api.Response page = api.get(next, "Prefer", "odata.maxpagesize=3");
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			for (Map<String, Object> row : page.value()) {
				assertThat(seen.add((String) row.get("accountid"))).isTrue();
			}
			next = (String) page.json().get("@odata.nextLink");
			pages++;
		}
		assertThat(seen.size()).isGreaterThanOrEqualTo(7);
		assertThat(pages).isGreaterThanOrEqualTo(3);

		// $top caps the whole result, across pages, as in Dataverse
		List<String> capped = new java.util.ArrayList<>();
		next = "/api/data/v9.2/accounts?$select=name&$orderby=name desc&$top=5".replace(" ", "%20");
		List<Integer> sizes = new java.util.ArrayList<>();
		while (next != null) {
			Api.Response page = api.get(next, "Prefer", "odata.maxpagesize=2");
			page.value().forEach(row -> capped.add((String) row.get("accountid")));
			sizes.add(page.value().size());
			next = (String) page.json().get("@odata.nextLink");
		}
		assertThat(sizes).containsExactly(2, 2, 1);
		assertThat(capped).doesNotHaveDuplicates().hasSize(5);
		assertThat(api.get("/api/data/v9.2/accounts?$select=name&$top=2").json()).doesNotContainKey("@odata.nextLink");
	}

	@Test
	void badRequestsGetClearErrorsAndWriteNothing() {
		Api api = Api.admin(port);
		assertThat(api.get("/api/data/v9.2/nosuchset").status()).isEqualTo(404);
		Api.Response badGuid = api.get("/api/data/v9.2/accounts(not-a-guid)");
		assertThat(badGuid.status()).isEqualTo(400);
		assertThat(badGuid.json()).containsKey("error");
		Api.Response badJson = api.post("/api/data/v9.2/accounts", "{\"name\": ");
		assertThat(badJson.status()).isEqualTo(400);
		Api.Response unknown = api.post("/api/data/v9.2/accounts", Map.of("name", "U", "nosuchfield", 1));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("nosuchfield").doesNotContain("Exception");
		Api.Response tooLong = api.post("/api/data/v9.2/accounts", Map.of("name", "x".repeat(161)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("name");
		Api.Response injection = api.post("/api/query", Map.of("entity", "account", "filter",
				Map.of("attribute", "name", "operator", "Eq", "values", List.of("x' or '1'='1"))));
		assertThat(injection.status()).isEqualTo(200);
		assertThat((List<?>) injection.json().get("records")).isEmpty();
		Api.Response badOperator = api.post("/api/query", Map.of("entity", "account", "filter",
				Map.of("attribute", "name", "operator", "Sounds", "values", List.of("x"))));
		assertThat(badOperator.status()).isEqualTo(400);
		assertThat(badOperator.body()).contains("operator");
		assertThat(api.get("/api/data/v9.2/accounts?$filter=name eq 'x' or".replace(" ", "%20")).status()).isEqualTo(400);
		assertThat(new Api(port, null, null).get("/api/data/v9.2/accounts").status()).isEqualTo(401);
	}

	@Test
	void onlyAdministratorsCustomize() {
		Api anonymous = new Api(port, null, null);
		assertThat(anonymous.post("/api/admin/entities/account/attributes", Map.of("name", "new_x", "type", "String")).status())
			.isEqualTo(401);
	}
}
