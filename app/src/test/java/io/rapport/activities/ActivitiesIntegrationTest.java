package io.rapport.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.activities.SalesTeam.Salesperson;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.Credentials;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class ActivitiesIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Credentials credentials;

	@LocalServerPort
	int port;

	private Salesperson seller;
	private Api api;
	private UUID account;
	private UUID ada;
	private UUID bob;

	@BeforeEach
	void aSalespersonWithAnAccountAndTwoContacts() {
		SalesTeam team = new SalesTeam(records, credentials);
		seller = team.salesperson(team.unit());
		api = seller.api(port);
		account = records.create(seller.principal(), new EntityRecord("account").set("name", "Acme " + UUID.randomUUID()));
		ada = records.create(seller.principal(), new EntityRecord("contact").set("firstname", "Ada").set("lastname", "Lovelace")
			.set("parentcustomerid", new RecordRef("account", account)));
		bob = records.create(seller.principal(), new EntityRecord("contact").set("firstname", "Bob").set("lastname", "Byte")
			.set("parentcustomerid", new RecordRef("account", account)));
	}

	@Test
	void createsEveryKindOfActivityWithItsPartiesInOneCall() {
		Map<String, List<Map<String, Object>>> parties = new LinkedHashMap<>();
		parties.put("phonecall", List.of(party("From", "systemuser", seller.id()), party("To", "contact", ada)));
		parties.put("email", List.of(party("From", "systemuser", seller.id()), party("To", "contact", ada),
				party("Cc", "contact", bob), Map.of("participation", "Bcc", "address", "archive@example.com")));
		parties.put("letter", List.of(party("Sender", "systemuser", seller.id()), party("To", "contact", ada), party("Bcc", "contact", bob)));
		parties.put("fax", List.of(party(1, "systemuser", seller.id()), party("ToRecipient", "account", account)));
		parties.put("appointment", List.of(party("Organizer", "systemuser", seller.id()), party("Required", "contact", ada),
				party("Optional", "contact", bob)));
		parties.put("task", List.of());

		for (Map.Entry<String, List<Map<String, Object>>> kind : parties.entrySet()) {
			Map<String, Object> body = activity("Kick-off " + kind.getKey());
			body.put("parties", kind.getValue());
			Api.Response created = api.post("/api/activities/" + kind.getKey(), body);
			assertThat(created.status()).as(kind.getKey() + ": " + created.body()).isEqualTo(201);
			Map<String, Object> json = created.json();
			assertThat(json.get("_regardingobjectid_value")).isEqualTo(account.toString());
			assertThat(json.get("_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname")).isEqualTo("account");
			assertThat(json.get("_ownerid_value")).isEqualTo(seller.id().toString());
			assertThat(json.get("statecode")).isEqualTo(0);
			assertThat(partiesOf(json)).hasSize(kind.getValue().size());

			String id = (String) json.get(kind.getKey() + "id");
			Map<String, Object> read = api.get("/api/activities/" + kind.getKey() + "/" + id).json();
			assertThat(partiesOf(read)).extracting(p -> p.get("participation"))
				.containsExactlyElementsOf(expectedParticipations(kind.getKey()));
			for (Map<String, Object> party : partiesOf(read)) {
				EntityRecord row = records.retrieve(SYSTEM, "activityparty", UUID.fromString((String) party.get("activitypartyid")),
						"ownerid", "activityid");
				assertThat(row.get("ownerid")).as("a party belongs to the activity's owner").isEqualTo(new RecordRef("systemuser", seller.id()));
				assertThat(row.get("activityid")).isEqualTo(new RecordRef(kind.getKey(), UUID.fromString(id)));
			}
		}
		Map<String, Object> email = partiesOf(api.get("/api/activities/email/" + idOf("email", "Kick-off email")).json()).get(3);
		assertThat(email.get("address")).isEqualTo("archive@example.com");
		assertThat(email.get("party")).isNull();
	}

	private static List<String> expectedParticipations(String kind) {
		return switch (kind) {
			case "phonecall" -> List.of("From", "To");
			case "email" -> List.of("From", "To", "Cc", "Bcc");
			case "letter" -> List.of("From", "To", "Bcc");
			case "fax" -> List.of("From", "To");
			case "appointment" -> List.of("Required", "Optional", "Organizer");
			default -> List.of();
		};
	}

	@Test
	void refusesParticipationsThatDoNotApplyNamingTheFieldAndCreatesNothing() {
		assertRefused("email", List.of(party("To", "contact", ada), party("Organizer", "systemuser", seller.id())),
				"parties[1].participation", "Organizer does not apply to email messages; use From, To, Cc, Bcc");
		assertRefused("appointment", List.of(party("To", "contact", ada)), "parties[0].participation",
				"To does not apply to appointments");
		assertRefused("phonecall", List.of(party("Cc", "contact", ada)), "parties[0].participation", "use From, To");
		assertRefused("fax", List.of(party("Bcc", "contact", ada)), "parties[0].participation", "use From, To");
		assertRefused("letter", List.of(party("Cc", "contact", ada)), "parties[0].participation", "use From, To, Bcc");
		assertRefused("task", List.of(party("To", "contact", ada)), "parties[0].participation", "tasks have no parties");
		assertRefused("email", List.of(party("Boss", "contact", ada)), "parties[0].participation", "not a participation type");
		assertRefused("email", List.of(Map.of("participation", "To")), "parties[0].party", "name the party or the address");
		assertRefused("email", List.of(party("To", "contact", ada), party("Cc", "contact", UUID.randomUUID())),
				"parties[1].party", "does not exist");

		UUID call = records.create(seller.principal(), new EntityRecord("phonecall").set("subject", "Follow-up"));
		Api.Response viaRecordsApi = api.post("/api/data/v9.2/activityparties", Map.of(
				"activityid_phonecall@odata.bind", "/phonecalls(" + call + ")",
				"partyid_contact@odata.bind", "/contacts(" + ada + ")", "participationtypemask", 7));
		assertThat(viaRecordsApi.status()).isEqualTo(400);
		assertThat(viaRecordsApi.body()).contains("\"target\":\"participationtypemask\"").contains("Organizer does not apply to phone calls");
	}

	private void assertRefused(String kind, List<Map<String, Object>> parties, String field, String message) {
		String subject = "Refused " + UUID.randomUUID();
		Map<String, Object> body = activity(subject);
		body.put("parties", parties);
		Api.Response response = api.post("/api/activities/" + kind, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("errors")).asList()
			.anySatisfy(e -> assertThat(((Map<?, ?>) e).get("attribute")).isEqualTo(field));
		assertThat(response.json().get("detail").toString()).contains(message);
		long created = queries.count(SYSTEM, Query.of(kind).where(Criterion.where("subject", Operator.Eq, subject)));
		assertThat(created).as("nothing of a refused " + kind + " is stored").isZero();
	}

	@Test
	void completingRecordsWhoAndWhenAndLeavesTheActivityReadOnlyUntilReopened() {
		Map<String, Object> body = activity("Call about the renewal");
		body.put("parties", List.of(party("To", "contact", ada)));
		String id = (String) api.post("/api/activities/phonecall", body).json().get("phonecallid");

		Map<String, Object> completed = api.post("/api/activities/phonecall/" + id + "/state", Map.of("statecode", 1, "statuscode", 2)).json();
		assertThat(completed.get("statecode")).isEqualTo(1);
		assertThat(completed.get("statuscode")).isEqualTo(2);
		assertThat(completed.get("_completedby_value")).isEqualTo(seller.id().toString());
		assertThat(completed.get("completedon")).isNotNull();
		assertThat(completed.get("actualend")).as("ended now, as it had no actual end").isEqualTo(completed.get("completedon"));

		Api.Response change = api.patch("/api/data/v9.2/phonecalls(" + id + ")", Map.of("subject", "Changed afterwards"));
		assertThat(change.status()).isEqualTo(400);
		assertThat(change.body()).contains("ActivityClosed").contains("\"target\":\"statecode\"").contains("phone call is completed");
		Api.Response newParty = api.post("/api/data/v9.2/activityparties", Map.of("activityid_phonecall@odata.bind",
				"/phonecalls(" + id + ")", "partyid_contact@odata.bind", "/contacts(" + bob + ")", "participationtypemask", 2));
		assertThat(newParty.status()).isEqualTo(400);
		assertThat(newParty.body()).contains("\"target\":\"activityid\"");
		String partyId = (String) partiesOf(completed).get(0).get("activitypartyid");
		assertThat(api.delete("/api/data/v9.2/activityparties(" + partyId + ")").status()).isEqualTo(400);
		Api.Response cancel = api.post("/api/activities/phonecall/" + id + "/state", Map.of("statecode", 2));
		assertThat(cancel.status()).isEqualTo(400);
		assertThat(cancel.body()).contains("can only be reopened");
		assertThat(records.retrieve(SYSTEM, "phonecall", UUID.fromString(id), "subject").get("subject")).isEqualTo("Call about the renewal");

		Map<String, Object> reopened = api.post("/api/activities/phonecall/" + id + "/state", Map.of("statecode", 0)).json();
		assertThat(reopened.get("statecode")).isEqualTo(0);
		assertThat(reopened.get("statuscode")).isEqualTo(1);
		assertThat(reopened.get("_completedby_value")).isNull();
		assertThat(reopened.get("completedon")).isNull();
		assertThat(api.patch("/api/data/v9.2/phonecalls(" + id + ")", Map.of("subject", "Changed after reopening")).status()).isEqualTo(204);
		assertThat(api.delete("/api/data/v9.2/activityparties(" + partyId + ")").status()).isEqualTo(204);
	}

	@Test
	void completingKeepsAGivenActualEndAndAppointmentsCloseWithTheirOwnStatuses() {
		Map<String, Object> task = activity("Send the contract");
		task.put("actualstart", "2026-03-01T09:00:00Z");
		task.put("actualend", "2026-03-01T10:30:00Z");
		String taskId = (String) api.post("/api/activities/task", task).json().get("taskid");
		Map<String, Object> done = api.post("/api/activities/task/" + taskId + "/state", Map.of("statecode", 1)).json();
		assertThat(done.get("statuscode")).as("Dataverse's Completed status of a task").isEqualTo(5);
		assertThat(done.get("actualend")).isEqualTo("2026-03-01T10:30:00Z");

		String meeting = (String) api.post("/api/activities/appointment", activity("Quarterly review")).json().get("appointmentid");
		Map<String, Object> scheduled = api.post("/api/activities/appointment/" + meeting + "/state", Map.of("statecode", 3)).json();
		assertThat(scheduled.get("statuscode")).as("Busy").isEqualTo(5);
		assertThat(api.patch("/api/data/v9.2/appointments(" + meeting + ")", Map.of("location", "Room 4")).status())
			.as("a scheduled appointment is still open").isEqualTo(204);
		Api.Response wrongStatus = api.post("/api/activities/appointment/" + meeting + "/state", Map.of("statecode", 2, "statuscode", 3));
		assertThat(wrongStatus.status()).isEqualTo(400);
		assertThat(wrongStatus.body()).contains("\"attribute\":\"statuscode\"");
		Map<String, Object> canceled = api.post("/api/activities/appointment/" + meeting + "/state", Map.of("statecode", 2)).json();
		assertThat(canceled.get("statuscode")).isEqualTo(4);
		assertThat(canceled.get("_completedby_value")).as("canceling is not completing").isNull();
	}

	@Test
	void refusesSchedulesThatEndBeforeTheyStartNegativeDurationsAndHandWrittenCompletion() {
		Map<String, Object> backwards = activity("Backwards");
		backwards.put("scheduledstart", "2026-05-02T10:00:00Z");
		backwards.put("scheduledend", "2026-05-01T10:00:00Z");
		assertInvalid(api.post("/api/activities/appointment", backwards), "scheduledend");

		Map<String, Object> negative = activity("Negative");
		negative.put("actualdurationminutes", -5);
		assertInvalid(api.post("/api/activities/phonecall", negative), "actualdurationminutes");

		Map<String, Object> byHand = activity("By hand");
		byHand.put("completedon", "2026-05-01T10:00:00Z");
		assertInvalid(api.post("/api/activities/task", byHand), "completedon");

		String call = (String) api.post("/api/activities/phonecall", activity("Later")).json().get("phonecallid");
		assertThat(api.patch("/api/data/v9.2/phonecalls(" + call + ")", Map.of("actualstart", "2026-05-02T10:00:00Z",
				"actualend", "2026-05-02T09:00:00Z")).body()).contains("\"target\":\"actualend\"");
		assertInvalid(api.post("/api/activities/meeting", activity("Unknown kind")), "type");
	}

	private static void assertInvalid(Api.Response response, String attribute) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("errors")).asList()
			.anySatisfy(e -> assertThat(((Map<?, ?>) e).get("attribute")).isEqualTo(attribute));
	}

	@Test
	void deletingAnAccountDeletesItsActivitiesTheirPartiesAndNotesAndThoseOfItsContacts() {
		Map<String, Object> call = activity("Call the account");
		call.put("parties", List.of(party("From", "systemuser", seller.id()), party("To", "contact", ada)));
		UUID callId = UUID.fromString((String) api.post("/api/activities/phonecall", call).json().get("phonecallid"));
		UUID partyId = UUID.fromString((String) partiesOf(api.get("/api/activities/phonecall/" + callId).json()).get(1).get("activitypartyid"));
		Map<String, Object> mail = activity("Closed mail");
		String mailId = (String) api.post("/api/activities/email", mail).json().get("emailid");
		api.post("/api/activities/email/" + mailId + "/state", Map.of("statecode", 1, "statuscode", 3));
		UUID contactTask = records.create(seller.principal(), new EntityRecord("task").set("subject", "Ada's task")
			.set("regardingobjectid", new RecordRef("contact", ada)));
		UUID accountNote = records.create(seller.principal(), new EntityRecord("annotation").set("subject", "Account note")
			.set("objectid", new RecordRef("account", account)));
		UUID callNote = records.create(seller.principal(), new EntityRecord("annotation").set("notetext", "Went well")
			.set("objectid", new RecordRef("phonecall", callId)));
		UUID otherAccount = records.create(seller.principal(), new EntityRecord("account").set("name", "Elsewhere"));
		UUID elsewhere = records.create(seller.principal(), new EntityRecord("phonecall").set("subject", "Elsewhere")
			.set("regardingobjectid", new RecordRef("account", otherAccount)));
		UUID adaElsewhere = records.create(seller.principal(), new EntityRecord("activityparty")
			.set("activityid", new RecordRef("phonecall", elsewhere)).set("partyid", new RecordRef("contact", ada))
			.set("participationtypemask", 2));

		assertThat(api.delete("/api/data/v9.2/accounts(" + account + ")").status()).isEqualTo(204);

		assertGone("phonecall", callId);
		assertGone("activityparty", partyId);
		assertGone("email", UUID.fromString(mailId));
		assertGone("task", contactTask);
		assertGone("annotation", accountNote);
		assertGone("annotation", callNote);
		assertGone("contact", ada);
		assertThat(queries.retrieve(SYSTEM, "phonecall", elsewhere, List.of())).as("another account's call stays").isPresent();
		EntityRecord kept = records.retrieve(SYSTEM, "activityparty", adaElsewhere, "partyid");
		assertThat(kept.get("partyid")).as("a party that was a deleted contact loses the link, not the row").isNull();
	}

	private void assertGone(String entity, UUID id) {
		assertThat(queries.retrieve(SYSTEM, entity, id, List.of())).as(entity + " " + id).isEmpty();
	}

	@Test
	void aNoteWithAnAttachmentRoundTripsItsBytes() throws Exception {
		byte[] content = new byte[300_000];
		new Random(7).nextBytes(content);
		Api.Response created = api.post("/api/data/v9.2/annotations", Map.of("subject", "Signed offer", "notetext", "See attached.",
				"filename", "offer.pdf", "mimetype", "application/pdf",
				"documentbody", Base64.getEncoder().encodeToString(content),
				"objectid_account@odata.bind", "/accounts(" + account + ")"), "Prefer", "return=representation");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = (String) created.json().get("annotationid");
		assertThat(created.json().get("filesize")).isEqualTo(300_000);
		assertThat(created.json().get("isdocument")).isEqualTo(true);

		HttpResponse<byte[]> download = download("/api/notes/" + id + "/attachment");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(content);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("offer.pdf");
		Map<String, Object> read = api.get("/api/data/v9.2/annotations(" + id + ")?$select=documentbody").json();
		assertThat(Base64.getDecoder().decode((String) read.get("documentbody"))).isEqualTo(content);

		Salesperson stranger = new SalesTeam(records, credentials).salesperson(new SalesTeam(records, credentials).unit());
		assertThat(download("/api/notes/" + id + "/attachment", stranger.name()).statusCode())
			.as("another business unit's salesperson cannot read it").isEqualTo(404);
	}

	@Test
	void anAttachmentOverFiveMegabytesIsRefusedAndOneOfExactlyFiveIsKept() {
		byte[] limit = new byte[Notes.MAX_ATTACHMENT_BYTES];
		new Random(11).nextBytes(limit);
		byte[] over = java.util.Arrays.copyOf(limit, Notes.MAX_ATTACHMENT_BYTES + 1);
		Api.Response refused = api.post("/api/data/v9.2/annotations", note("Too big", over));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"target\":\"documentbody\"").contains("5,242,881 bytes");

		Api.Response kept = api.post("/api/data/v9.2/annotations", note("Just fits", limit), "Prefer", "return=representation");
		assertThat(kept.status()).as(kept.body()).isEqualTo(201);
		assertThat(kept.json().get("filesize")).isEqualTo(Notes.MAX_ATTACHMENT_BYTES);

		Map<String, Object> garbled = note("Garbled", new byte[] { 1 });
		garbled.put("documentbody", "not base64!");
		assertThat(api.post("/api/data/v9.2/annotations", garbled).body()).contains("\"target\":\"documentbody\"");
		long stored = queries.count(SYSTEM, Query.of("annotation").where(Criterion.where("objectid", Operator.Eq, account)));
		assertThat(stored).isEqualTo(1);
	}

	private Map<String, Object> note(String subject, byte[] content) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("subject", subject);
		body.put("filename", subject + ".bin");
		body.put("documentbody", Base64.getEncoder().encodeToString(content));
		body.put("objectid_account@odata.bind", "/accounts(" + account + ")");
		return body;
	}

	private HttpResponse<byte[]> download(String path) throws Exception {
		return download(path, seller.name());
	}

	private HttpResponse<byte[]> download(String path, String user) throws Exception {
		String basic = Base64.getEncoder().encodeToString((user + ":" + SalesTeam.PASSWORD).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private Map<String, Object> activity(String subject) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("subject", subject);
		body.put("description", "About " + subject.toLowerCase());
		body.put("regardingobjectid_account@odata.bind", "/accounts(" + account + ")");
		return body;
	}

	private static Map<String, Object> party(Object participation, String entity, UUID id) {
		return Map.of("participation", participation, "party", Map.of("entity", entity, "id", id.toString()));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> partiesOf(Map<String, Object> json) {
		return new ArrayList<>((List<Map<String, Object>>) json.get("parties"));
	}

	private String idOf(String entity, String subject) {
		return queries.execute(SYSTEM, Query.of(entity).where(Criterion.where("subject", Operator.Eq, subject))
			.where(Criterion.where("ownerid", Operator.Eq, seller.id()))).records().get(0).id().toString();
	}
}
