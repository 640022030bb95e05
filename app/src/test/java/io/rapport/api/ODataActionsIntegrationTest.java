package io.rapport.api;

import static io.rapport.api.ApiPeople.NS;
import static io.rapport.api.ApiPeople.alias;
import static io.rapport.api.ApiPeople.create;
import static io.rapport.api.ApiPeople.error;
import static io.rapport.api.ApiPeople.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.api.ApiPeople.User;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/** The engine's business operations as Dataverse's OData actions: Merge, GrantAccess/ModifyAccess/RevokeAccess, Assign, SetState. */
@RapportTest
class ODataActionsIntegrationTest {

	private static final String DATA = "/api/data/v9.2/";

	@LocalServerPort
	int port;

	private String accessRights(Api api, String userId, String accountId) {
		Api.Response r = api.get(DATA + "systemusers(" + userId + ")/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid="
				+ alias("{'@odata.id':'accounts(" + accountId + ")'}"));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return (String) r.json().get("AccessRights");
	}

	private static Map<String, Object> principalAccess(String userId, String mask) {
		return Map.of("Principal", ref("systemuser", userId), "AccessMask", mask);
	}

	@Test
	void grantModifyAndRevokeAccessChangeWhatTheGranteeMayDoAndRetrievePrincipalAccessTellsIt() {
		User owner = ApiPeople.salesperson(port);
		User colleague = ApiPeople.salesperson(port);
		String account = create(owner.api(), "accounts", Map.of("name", "Shared by action"));
		assertThat(colleague.api().get(DATA + "accounts(" + account + ")").status()).isEqualTo(404);
		assertThat(accessRights(owner.api(), colleague.id(), account)).isEqualTo("None");

		Api.Response granted = owner.api().post(DATA + "GrantAccess", Map.of("Target", ref("account", account),
				"PrincipalAccess", principalAccess(colleague.id(), "ReadAccess, WriteAccess")));
		assertThat(granted.status()).as(granted.body()).isEqualTo(204);
		assertThat(colleague.api().get(DATA + "accounts(" + account + ")").status()).isEqualTo(200);
		assertThat(accessRights(owner.api(), colleague.id(), account)).isEqualTo("ReadAccess, WriteAccess");
		assertThat(accessRights(owner.api(), owner.id(), account)).contains("ReadAccess", "WriteAccess", "ShareAccess",
				"AssignAccess", "DeleteAccess");
		assertThat(colleague.api().patch(DATA + "accounts(" + account + ")", Map.of("telephone1", "555")).status()).isEqualTo(204);

		Api.Response modified = owner.api().post(DATA + "ModifyAccess", Map.of("Target", ref("account", account),
				"PrincipalAccess", principalAccess(colleague.id(), "ReadAccess")));
		assertThat(modified.status()).as(modified.body()).isEqualTo(204);
		assertThat(accessRights(colleague.api(), colleague.id(), account)).isEqualTo("ReadAccess");
		assertThat(colleague.api().patch(DATA + "accounts(" + account + ")", Map.of("telephone1", "556")).status()).isEqualTo(403);

		Api.Response revoked = owner.api().post(DATA + "RevokeAccess", Map.of("Target", ref("account", account),
				"Revokee", ref("systemuser", colleague.id())));
		assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
		assertThat(colleague.api().get(DATA + "accounts(" + account + ")").status()).isEqualTo(404);
		assertThat(accessRights(owner.api(), colleague.id(), account)).isEqualTo("None");
	}

	@Test
	void accessGrantedToATeamReachesItsMembersAndRetrievePrincipalAccessAnswersForTheTeamToo() {
		User owner = ApiPeople.salesperson(port);
		User member = ApiPeople.salesperson(port);
		String account = create(owner.api(), "accounts", Map.of("name", "Shared with a team"));
		Api.Response team = Api.admin(port).post("/api/admin/teams", Map.of("name", "Access " + UUID.randomUUID(), "teamtype", 1,
				"members", List.of(member.id())));
		assertThat(team.status()).as(team.body()).isEqualTo(201);
		String teamId = (String) team.json().get("id");

		Api.Response granted = owner.api().post(DATA + "GrantAccess", Map.of("Target", ref("account", account),
				"PrincipalAccess", Map.of("Principal", ref("team", teamId), "AccessMask", 1)));
		assertThat(granted.status()).as(granted.body()).isEqualTo(204);
		Api.Response forTeam = owner.api().get(DATA + "teams(" + teamId + ")/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid="
				+ alias("{'@odata.id':'accounts(" + account + ")'}"));
		assertThat(forTeam.status()).as(forTeam.body()).isEqualTo(200);
		assertThat(forTeam.json()).containsEntry("AccessRights", "ReadAccess");
		assertThat(accessRights(member.api(), member.id(), account)).isEqualTo("ReadAccess");
		assertThat(member.api().get(DATA + "accounts(" + account + ")").status()).isEqualTo(200);
	}

	@Test
	void aSalespersonCannotShareOrAskAboutARecordTheyNeitherOwnNorHaveSharedWithThem() {
		User owner = ApiPeople.salesperson(port);
		User outsider = ApiPeople.salesperson(port);
		String account = create(owner.api(), "accounts", Map.of("name", "Not yours"));

		Api.Response grant = outsider.api().post(DATA + "GrantAccess", Map.of("Target", ref("account", account),
				"PrincipalAccess", principalAccess(outsider.id(), "ReadAccess")));
		assertThat(grant.status()).as(grant.body()).isEqualTo(403);
		assertThat(error(grant)).containsEntry("code", "AccessDenied");
		assertThat(outsider.api().get(DATA + "accounts(" + account + ")").status()).as("nothing was shared").isEqualTo(404);

		Api.Response ask = outsider.api().get(DATA + "systemusers(" + outsider.id()
				+ ")/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid=" + alias("{'@odata.id':'accounts(" + account + ")'}"));
		assertThat(ask.status()).as(ask.body()).isEqualTo(403);
		assertThat(error(ask)).containsEntry("code", "AccessDenied");

		Api.Response revoke = outsider.api().post(DATA + "RevokeAccess", Map.of("Target", ref("account", account),
				"Revokee", ref("systemuser", owner.id())));
		assertThat(revoke.status()).isEqualTo(403);
	}

	@Test
	void badParametersAreRefusedWith400NamingTheParameter() {
		Api admin = Api.admin(port);
		User colleague = ApiPeople.salesperson(port);
		String account = create(admin, "accounts", Map.of("name", "Parameters"));

		assertNamed(admin.post(DATA + "GrantAccess", Map.of("Target", ref("account", account))), "PrincipalAccess");
		assertNamed(admin.post(DATA + "GrantAccess", Map.of("Target", ref("account", account),
				"PrincipalAccess", principalAccess(colleague.id(), "ReadAccess, FlyAccess"))), "PrincipalAccess.AccessMask");
		assertNamed(admin.post(DATA + "GrantAccess", Map.of("Target", ref("account", account), "Extra", 1,
				"PrincipalAccess", principalAccess(colleague.id(), "ReadAccess"))), "Extra");
		assertNamed(admin.post(DATA + "GrantAccess", Map.of("Target", Map.of("accountid", account),
				"PrincipalAccess", principalAccess(colleague.id(), "ReadAccess"))), "Target");
		assertNamed(admin.post(DATA + "GrantAccess", Map.of("Target", ref("account", "not-a-guid"),
				"PrincipalAccess", principalAccess(colleague.id(), "ReadAccess"))), "Target");
		assertNamed(admin.post(DATA + "GrantAccess", Map.of("Target", ref("account", account),
				"PrincipalAccess", Map.of("Principal", ref("account", account), "AccessMask", "ReadAccess"))), "PrincipalAccess.Principal");
		assertNamed(admin.post(DATA + "SetState", Map.of("EntityMoniker", ref("account", account), "State", "one")), "State");
		assertNamed(admin.post(DATA + "Assign", Map.of("Target", ref("account", account))), "Assignee");
		assertNamed(admin.post(DATA + "Merge", Map.of("Target", ref("account", account), "Subordinate", ref("contact", account),
				"UpdateContent", Map.of(), "PerformParentingChecks", false)), "Subordinate");
		assertNamed(admin.get(DATA + "RetrieveRecordChangeHistory(Target=@t)"), "Target");

		Api.Response invalidJson = admin.post(DATA + "GrantAccess", "{not json");
		assertThat(invalidJson.status()).isEqualTo(400);
		assertThat(error(invalidJson)).containsEntry("code", "InvalidJson");
	}

	@Test
	void actionsOnARecordThatDoesNotExistAnswer404() {
		Api admin = Api.admin(port);
		User colleague = ApiPeople.salesperson(port);
		String missing = UUID.randomUUID().toString();
		Api.Response grant = admin.post(DATA + "GrantAccess", Map.of("Target", ref("account", missing),
				"PrincipalAccess", principalAccess(colleague.id(), "ReadAccess")));
		assertThat(grant.status()).as(grant.body()).isEqualTo(404);
		assertThat(error(grant)).containsEntry("code", "RecordNotFound");
		assertThat(admin.post(DATA + "SetState", Map.of("EntityMoniker", ref("account", missing), "State", 1, "Status", 2)).status())
			.isEqualTo(404);
		assertThat(admin.post(DATA + "Assign", Map.of("Target", ref("account", missing), "Assignee", ref("systemuser", colleague.id())))
			.status()).isEqualTo(404);
		Api.Response unknownUser = admin.get(DATA + "systemusers(" + missing + ")/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid="
				+ alias("{'@odata.id':'accounts(" + create(admin, "accounts", Map.of("name", "Asked about")) + ")'}"));
		assertThat(unknownUser.status()).as(unknownUser.body()).isEqualTo(404);
	}

	@Test
	void assignGivesTheRecordAndItsContactsToTheAssigneeAndNeedsTheAssignPrivilege() {
		User owner = ApiPeople.salesperson(port);
		User newOwner = ApiPeople.salesperson(port);
		User outsider = ApiPeople.salesperson(port);
		String account = create(owner.api(), "accounts", Map.of("name", "Handed over"));
		String contact = create(owner.api(), "contacts", Map.of("lastname", "Follows",
				"parentcustomerid_account@odata.bind", "/accounts(" + account + ")"));

		Api.Response refused = outsider.api().post(DATA + "Assign", Map.of("Target", ref("account", account),
				"Assignee", ref("systemuser", outsider.id())));
		assertThat(refused.status()).as(refused.body()).isIn(403, 404);
		assertThat(refused.json()).containsKey("error");

		Api.Response assigned = owner.api().post(DATA + "Assign", Map.of("Target", ref("account", account),
				"Assignee", ref("systemuser", newOwner.id())));
		assertThat(assigned.status()).as(assigned.body()).isEqualTo(204);
		Api admin = Api.admin(port);
		assertThat(admin.get(DATA + "accounts(" + account + ")?$select=_ownerid_value").json()).containsEntry("_ownerid_value", newOwner.id());
		assertThat(admin.get(DATA + "contacts(" + contact + ")?$select=_ownerid_value").json()).as("cascaded")
			.containsEntry("_ownerid_value", newOwner.id());
		assertThat(owner.api().get(DATA + "accounts(" + account + ")").status()).isEqualTo(404);
	}

	@Test
	void setStateDeactivatesAndReactivatesAndRefusesAStateTheEntityDoesNotHave() {
		User owner = ApiPeople.salesperson(port);
		User outsider = ApiPeople.salesperson(port);
		String account = create(owner.api(), "accounts", Map.of("name", "Stateful"));
		Api.Response deactivated = owner.api().post(DATA + "SetState", Map.of("EntityMoniker", ref("account", account),
				"State", 1, "Status", 2));
		assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(204);
		assertThat(owner.api().get(DATA + "accounts(" + account + ")?$select=statecode,statuscode").json())
			.containsEntry("statecode", 1).containsEntry("statuscode", 2);
		Api.Response reactivated = owner.api().post(DATA + "SetState", Map.of("EntityMoniker", Map.of("@odata.id",
				"accounts(" + account + ")"), "State", 0, "Status", -1));
		assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(204);
		assertThat(owner.api().get(DATA + "accounts(" + account + ")?$select=statecode,statuscode").json())
			.containsEntry("statecode", 0).containsEntry("statuscode", 1);

		Api.Response badState = owner.api().post(DATA + "SetState", Map.of("EntityMoniker", ref("account", account), "State", 7));
		assertThat(badState.status()).isEqualTo(400);
		assertThat(error(badState).toString()).contains("statecode");
		Api.Response notTheirs = outsider.api().post(DATA + "SetState", Map.of("EntityMoniker", ref("account", account),
				"State", 1, "Status", 2));
		assertThat(notTheirs.status()).as(notTheirs.body()).isIn(403, 404);
		assertThat(owner.api().get(DATA + "accounts(" + account + ")?$select=statecode").json()).containsEntry("statecode", 0);
	}

	@Test
	void mergeMovesTheSubordinatesContactsToTheTargetAndTakesTheUpdateContent() {
		Api admin = Api.admin(port);
		String target = create(admin, "accounts", Map.of("name", "Merge Target"));
		String subordinate = create(admin, "accounts", Map.of("name", "Merge Subordinate", "telephone1", "999"),
				"MSCRM.SuppressDuplicateDetection", "true");
		String contact = create(admin, "contacts", Map.of("lastname", "Moves",
				"parentcustomerid_account@odata.bind", "/accounts(" + subordinate + ")"));
		Map<String, Object> content = new HashMap<>(Map.of("@odata.type", NS + "account", "telephone1", "999"));
		Api.Response merged = admin.post(DATA + "Merge", Map.of("Target", ref("account", target), "Subordinate",
				ref("account", subordinate), "UpdateContent", content, "PerformParentingChecks", false));
		assertThat(merged.status()).as(merged.body()).isEqualTo(204);
		assertThat(admin.get(DATA + "accounts(" + target + ")?$select=telephone1").json()).containsEntry("telephone1", "999");
		assertThat(admin.get(DATA + "accounts(" + subordinate + ")?$select=statecode,merged").json())
			.containsEntry("statecode", 1).containsEntry("merged", true);
		assertThat(admin.get(DATA + "contacts(" + contact + ")?$select=_parentcustomerid_value").json())
			.containsEntry("_parentcustomerid_value", target);

		Api.Response again = admin.post(DATA + "Merge", Map.of("Target", ref("account", target), "Subordinate",
				ref("account", subordinate), "UpdateContent", Map.of(), "PerformParentingChecks", false));
		assertThat(again.status()).as("an already merged record").isEqualTo(409);
		assertThat(error(again)).containsKey("message");
	}

	@Test
	void aSalespersonCannotMergeRecordsTheyCannotWrite() {
		User owner = ApiPeople.salesperson(port);
		User outsider = ApiPeople.salesperson(port);
		String a = create(owner.api(), "accounts", Map.of("name", "Owned A"));
		String b = create(owner.api(), "accounts", Map.of("name", "Owned B"));
		Api.Response refused = outsider.api().post(DATA + "Merge", Map.of("Target", ref("account", a), "Subordinate",
				ref("account", b), "UpdateContent", Map.of(), "PerformParentingChecks", false));
		assertThat(refused.status()).as(refused.body()).isIn(403, 404);
		assertThat(owner.api().get(DATA + "accounts(" + b + ")?$select=statecode").json()).containsEntry("statecode", 0);
	}

	@Test
	void wrongMethodsOnActionsAndFunctionsAnswer405WithAllow() {
		Api admin = Api.admin(port);
		Api.Response get = admin.get(DATA + "GrantAccess");
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.header("Allow")).isEqualTo("POST");
		assertThat(error(get)).containsEntry("code", "MethodNotAllowed");
		Api.Response post = admin.post(DATA + "RetrieveDuplicates(BusinessEntity=@p1,MatchingEntityName=@p2)", Map.of());
		assertThat(post.status()).isEqualTo(405);
		assertThat(post.header("Allow")).isEqualTo("GET");
		assertThat(error(post)).containsEntry("code", "MethodNotAllowed");
	}

	private static void assertNamed(Api.Response r, String parameter) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		Map<String, Object> error = error(r);
		assertThat((String) error.get("message")).as(r.body()).contains(parameter);
		assertThat(error.get("details")).as(r.body()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.anySatisfy(d -> assertThat(((Map<?, ?>) d).get("target")).isEqualTo(parameter));
	}
}
