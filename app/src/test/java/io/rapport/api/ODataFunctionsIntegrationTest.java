package io.rapport.api;

import static io.rapport.api.ApiPeople.alias;
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

/** Dataverse's functions RetrieveDuplicates and RetrieveRecordChangeHistory, with parameter aliases, as the caller. */
@RapportTest
class ODataFunctionsIntegrationTest {

	private static final String DATA = "/api/data/v9.2/";
	private static final String SUPPRESS = "MSCRM.SuppressDuplicateDetection";

	@LocalServerPort
	int port;

	private static String duplicatesOf(String businessEntity, String matching, String paging) {
		return DATA + "RetrieveDuplicates(BusinessEntity=@p1,MatchingEntityName=@p2,PagingInfo=@p3)?@p1=" + alias(businessEntity)
				+ "&@p2=" + alias(matching) + "&@p3=" + alias(paging);
	}

	private static List<Object> ids(Api.Response r, String key) {
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.value().stream().map(v -> v.get(key)).toList();
	}

	@Test
	void whoAmIAnswersTheCallersUserAndBusinessUnitAsDataverseDoes() {
		User salesperson = ApiPeople.salesperson(port);
		Api.Response me = salesperson.api().get(DATA + "WhoAmI");
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json()).containsEntry("UserId", salesperson.id())
			.containsEntry("BusinessUnitId", Api.admin(port).get(DATA + "systemusers(" + salesperson.id() + ")?$select=businessunitid")
				.json().get("_businessunitid_value"))
			.containsEntry("OrganizationId", "00000000-0000-0000-0000-000000000010");
		assertThat(me.json().get("@odata.context").toString()).endsWith("/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
		assertThat(salesperson.api().get(DATA + "WhoAmI()").json()).containsEntry("UserId", salesperson.id());
		assertThat(Api.admin(port).get(DATA + "Microsoft.Dynamics.CRM.WhoAmI()").json().get("UserId"))
			.isNotEqualTo(salesperson.id());
		assertThat(salesperson.api().post(DATA + "WhoAmI", Map.of()).status()).isEqualTo(405);
		assertThat(new Api(port, "nobody", "wrong").get(DATA + "WhoAmI").status()).isEqualTo(401);
		String metadata = Api.admin(port).get(DATA + "$metadata").body();
		assertThat(metadata).contains("<Function Name=\"WhoAmI\"").contains("<ComplexType Name=\"WhoAmIResponse\"")
			.contains("<FunctionImport Name=\"WhoAmI\"");
	}

	@Test
	void retrieveDuplicatesListsOnlyTheDuplicatesTheCallerMayRead() {
		String email = "dup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		User a = ApiPeople.salesperson(port);
		User b = ApiPeople.salesperson(port);
		Api admin = Api.admin(port);
		String ofA = create(a.api(), "contacts", Map.of("lastname", "Alpha", "emailaddress1", email), SUPPRESS, "true");
		String ofB = create(b.api(), "contacts", Map.of("lastname", "Beta", "emailaddress1", email), SUPPRESS, "true");
		String ofAdmin = create(admin, "contacts", Map.of("lastname", "Gamma", "emailaddress1", email), SUPPRESS, "true");
		String candidate = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"emailaddress1\":\"" + email.toUpperCase() + "\"}";
		String page = "{\"PageNumber\":1,\"Count\":50}";

		Api.Response forB = b.api().get(duplicatesOf(candidate, "'contact'", page));
		assertThat(ids(forB, "contactid")).containsExactly(ofB);
		assertThat(forB.value().get(0)).containsEntry("@odata.type", "#Microsoft.Dynamics.CRM.contact").containsEntry("lastname", "Beta");
		assertThat(ids(admin.get(duplicatesOf(candidate, "'contact'", page)), "contactid")).containsExactlyInAnyOrder(ofA, ofB, ofAdmin);

		String existing = "{'@odata.type':'Microsoft.Dynamics.CRM.contact','contactid':'" + ofAdmin + "'}";
		assertThat(ids(admin.get(duplicatesOf(existing, "'contact'", page)), "contactid")).as("never the record itself")
			.containsExactlyInAnyOrder(ofA, ofB);
		Api.Response unreadable = a.api().get(duplicatesOf(existing, "'contact'", page));
		assertThat(unreadable.status()).as("a record the caller cannot read is not found").isEqualTo(404);
		assertThat(unreadable.body()).doesNotContain(ofB).doesNotContain("Beta");
		assertThat(ids(admin.get(duplicatesOf(candidate, "'contact'", "{\"PageNumber\":1,\"Count\":2}")), "contactid")).hasSize(2);
		assertThat(ids(admin.get(duplicatesOf(candidate, "'contact'", "{\"PageNumber\":2,\"Count\":2}")), "contactid")).hasSize(1);
		assertThat(ids(admin.get(duplicatesOf(candidate, "'account'", page)), "accountid")).isEmpty();

		Api.Response inline = admin.get(DATA + "RetrieveDuplicates(BusinessEntity=@p1,MatchingEntityName='contact')?@p1=" + alias(candidate));
		assertThat(ids(inline, "contactid")).hasSize(3);
	}

	@Test
	void retrieveDuplicatesRefusesBadParametersNamingThem() {
		Api admin = Api.admin(port);
		String candidate = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"emailaddress1\":\"x@example.com\"}";
		assertNamed(admin.get(duplicatesOf(candidate, "'nosuchentity'", "{\"PageNumber\":1,\"Count\":5}")), "MatchingEntityName");
		assertNamed(admin.get(duplicatesOf(candidate, "'contact'", "{\"PageNumber\":1,\"Count\":0}")), "PagingInfo.Count");
		assertNamed(admin.get(duplicatesOf("{\"emailaddress1\":\"x@example.com\"}", "'contact'", "{}")), "BusinessEntity");
		assertNamed(admin.get(duplicatesOf("{not json", "'contact'", "{}")), "BusinessEntity");
		assertNamed(admin.get(duplicatesOf("{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"nosuchattribute\":1}", "'contact'",
				"{}")), "nosuchattribute");
		assertNamed(admin.get(DATA + "RetrieveDuplicates(MatchingEntityName='contact')"), "BusinessEntity");
		assertNamed(admin.get(DATA + "RetrieveDuplicates(BusinessEntity=@missing,MatchingEntityName='contact')"), "BusinessEntity");
		assertNamed(admin.get(DATA + "RetrieveDuplicates(BusinessEntity=@p1,MatchingEntityName='contact',Bogus=1)?@p1=" + alias(candidate)),
				"Bogus");
	}

	@Test
	@SuppressWarnings("unchecked")
	void retrieveRecordChangeHistoryShowsWhoChangedWhatAndOnlyToThoseWhoMayReadTheRecord() {
		User owner = ApiPeople.salesperson(port);
		User outsider = ApiPeople.salesperson(port);
		String account = create(owner.api(), "accounts", Map.of("name", "History One"));
		assertThat(owner.api().patch(DATA + "accounts(" + account + ")", Map.of("name", "History Two")).status()).isEqualTo(204);
		String url = DATA + "RetrieveRecordChangeHistory(Target=@target)?@target=" + alias("{'@odata.id':'accounts(" + account + ")'}");

		Api.Response history = owner.api().get(url);
		assertThat(history.status()).as(history.body()).isEqualTo(200);
		Map<String, Object> collection = (Map<String, Object>) history.json().get("AuditDetailCollection");
		List<Map<String, Object>> details = (List<Map<String, Object>>) collection.get("AuditDetails");
		assertThat(collection.get("TotalRecordCount")).isEqualTo(details.size());
		Map<String, Object> update = details.stream()
			.filter(d -> Integer.valueOf(2).equals(((Map<String, Object>) d.get("AuditRecord")).get("action")))
			.findFirst().orElseThrow();
		assertThat(update).containsEntry("@odata.type", "#Microsoft.Dynamics.CRM.AttributeAuditDetail");
		assertThat((Map<String, Object>) update.get("OldValue")).containsEntry("name", "History One");
		assertThat((Map<String, Object>) update.get("NewValue")).containsEntry("name", "History Two");
		assertThat((Map<String, Object>) update.get("AuditRecord")).containsEntry("_userid_value", owner.id())
			.containsEntry("_objectid_value", account).containsEntry("objecttypecode", "account");
		assertThat(details).anySatisfy(d -> assertThat((Map<String, Object>) d.get("AuditRecord"))
			.containsEntry("action@OData.Community.Display.V1.FormattedValue", "Create"));

		Api.Response hidden = outsider.api().get(url);
		assertThat(hidden.status()).as(hidden.body()).isEqualTo(404);
		assertThat(error(hidden)).containsEntry("code", "RecordNotFound");
		assertThat(hidden.body()).doesNotContain("History");

		Api.Response paged = owner.api().get(DATA + "RetrieveRecordChangeHistory(Target=@target,PagingInfo=@p)?@target="
				+ alias("{'@odata.id':'accounts(" + account + ")'}") + "&@p=" + alias("{\"PageNumber\":1,\"Count\":1}"));
		Map<String, Object> first = (Map<String, Object>) paged.json().get("AuditDetailCollection");
		assertThat((List<?>) first.get("AuditDetails")).hasSize(1);
		assertThat(first).containsEntry("MoreRecords", true);

		assertNamed(owner.api().get(DATA + "RetrieveRecordChangeHistory(Target=@target)?@target="
				+ alias("{'@odata.id':'nosuchset(" + account + ")'}")), "Target");
		assertThat(owner.api().get(DATA + "RetrieveRecordChangeHistory(Target=@target)?@target="
				+ alias("{'@odata.id':'accounts(" + UUID.randomUUID() + ")'}")).status()).isEqualTo(404);
	}

	private static void assertNamed(Api.Response r, String parameter) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(error(r).toString()).as(r.body()).contains(parameter);
	}
}
