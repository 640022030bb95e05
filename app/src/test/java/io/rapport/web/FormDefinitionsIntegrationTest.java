package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Forms laid out by their definitions over plain HTTP: tabs, sections, subgrids and the timeline where the account's
 * and contact's shipped forms put them, the tab with a field at fault opened, a generated form for an entity without
 * a definition, and the form editor in Settings — its changes effective at once, its refusals clear, and only for
 * administrators.
 */
@RapportTest
class FormDefinitionsIntegrationTest {

	@LocalServerPort
	int port;

	private WebSession admin() {
		return WebSession.signIn(port, "admin", "admin-test");
	}

	private static String id(HttpResponse<String> r) {
		Matcher m = Pattern.compile("/app/[a-z0-9_]+/([0-9a-f-]{36})").matcher(r.uri().getPath());
		assertThat(m.find()).as("on a record page: " + r.uri() + "\n" + r.body()).isTrue();
		return m.group(1);
	}

	/** The HTML of one tab panel of a form page. */
	private static String panel(String page, String tab) {
		int start = page.indexOf("id=\"panel-" + tab + "\"");
		assertThat(start).as("the page has the tab " + tab).isPositive();
		int end = page.indexOf("id=\"panel-", start + 10);
		return page.substring(start, end < 0 ? page.length() : end);
	}

	private static String openTag(String page, String id) {
		int at = page.indexOf("id=\"" + id + "\"");
		assertThat(at).as(id).isPositive();
		return page.substring(page.lastIndexOf('<', at), page.indexOf('>', at) + 1);
	}

	@Test
	void theAccountFormShowsItsTabsSectionsContactsSubgridAndTimeline() {
		WebSession admin = admin();
		String name = "Tabbed " + UUID.randomUUID().toString().substring(0, 6);
		String account = id(admin.post("/app/account/new", "a_name=" + WebSession.enc(name) + "&a_industrycode=1"));
		admin.post("/app/contact/new", "a_firstname=Tab&a_lastname=Person&a_parentcustomerid=" + WebSession.enc("account:" + account));

		String page = admin.get("/app/account/" + account).body();
		assertThat(page).contains("role=\"tablist\"");
		assertThat(openTag(page, "tab-summary")).contains("role=\"tab\"").contains("aria-selected=\"true\"")
			.contains("aria-controls=\"panel-summary\"").contains("tabindex=\"0\"");
		assertThat(openTag(page, "tab-details")).contains("aria-selected=\"false\"").contains("tabindex=\"-1\"");
		assertThat(openTag(page, "panel-summary")).contains("role=\"tabpanel\"").doesNotContain("hidden");
		assertThat(openTag(page, "panel-details")).contains("hidden").contains("aria-labelledby=\"tab-details\"");
		String summary = panel(page, "summary");
		assertThat(summary).contains("Account information").contains("Address").contains("name=\"a_name\"")
			.contains("name=\"a_address1_city\"").contains("Timeline").contains("id=\"timeline\"")
			.contains("data-subgrid=\"contact\"").contains("Tab Person").contains("Record information")
			.doesNotContain("name=\"a_industrycode\"");
		assertThat(summary.indexOf("Account information")).isLessThan(summary.indexOf("Timeline"));
		String details = panel(page, "details");
		assertThat(details).contains("Company profile").contains("name=\"a_industrycode\"").contains("form=\"record-form\"");
		assertThat(panel(page, "related")).as("child accounts, placed by the related section").contains("data-subgrid-new=\"account\"")
			.doesNotContain("data-subgrid-new=\"contact\"");

		String asked = admin.get("/app/account/" + account + "?tab=details").body();
		assertThat(openTag(asked, "tab-details")).contains("aria-selected=\"true\"");
		assertThat(openTag(asked, "panel-summary")).contains("hidden");

		String saved = admin.post("/app/account/" + account, "versionnumber=" + WebPagesIntegrationTest.version(page)
				+ "&tab=details&a_revenue=99").body();
		assertThat(saved).contains("Saved.");
		assertThat(openTag(saved, "tab-details")).as("the tab the person was on stays open").contains("aria-selected=\"true\"");

		String empty = admin.get("/app/account/new").body();
		assertThat(empty).contains("id=\"tab-summary\"").contains("id=\"tab-details\"")
			.as("a new record has no related records yet").doesNotContain("id=\"tab-related\"").doesNotContain("id=\"timeline\"");
	}

	@Test
	void aFieldAtFaultOnAnotherTabOpensThatTabWithTheMessageNextToTheField() {
		WebSession admin = admin();
		admin.get("/app/contact/new");
		HttpResponse<String> refused = admin.post("/app/contact/new", "a_lastname=Faulty&a_emailaddress2=not-an-email&tab=summary");
		assertThat(refused.uri().getPath()).isEqualTo("/app/contact/new");
		String page = refused.body();
		assertThat(openTag(page, "tab-details")).contains("aria-selected=\"true\"");
		assertThat(openTag(page, "panel-details")).doesNotContain("hidden");
		assertThat(openTag(page, "panel-summary")).contains("hidden");
		assertThat(panel(page, "details")).contains("id=\"err-emailaddress2\"").contains("value=\"not-an-email\"");
		assertThat(panel(page, "summary")).contains("value=\"Faulty\"");
	}

	@Test
	void anEntityWithoutADefinitionGetsTheGeneratedFormWithItsNewFields() {
		WebSession admin = admin();
		String entity = "new_widget" + UUID.randomUUID().toString().substring(0, 6);
		Api api = Api.admin(port);
		assertThat(api.post("/api/admin/entities", Map.of("logicalName", entity, "displayName", "Widget",
				"displayCollectionName", "Widgets", "ownership", "UserOwned", "primaryNameAttribute", "new_name",
				"attributes", List.of(Map.of("name", "new_name", "displayName", "Name", "type", "String", "maxLength", 100))))
			.status()).isEqualTo(201);
		assertThat(api.post("/api/admin/entities/" + entity + "/attributes", Map.of("name", "new_colour", "displayName", "Colour",
				"type", "String", "maxLength", 20)).status()).isEqualTo(201);
		String page = admin.get("/app/" + entity + "/new").body();
		assertThat(page).contains("name=\"a_new_name\"").contains("name=\"a_new_colour\"").doesNotContain("role=\"tablist\"");
		String editor = admin.get("/app/settings/forms?entity=" + entity).body();
		assertThat(editor).contains("have no form definition").contains("data-field=\"new_colour\"");
	}

	@Test
	void theFormEditorChangesTheAccountFormAndTheFormUsesItAtOnce() {
		String field = "new_rank" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(Api.admin(port).post("/api/admin/entities/account/attributes", Map.of("name", field, "displayName", "Rank",
				"type", "Integer")).status()).isEqualTo(201);
		WebSession admin = admin();
		String account = id(admin.post("/app/account/new", "a_name=Editable&suppressduplicates=true"));
		assertThat(admin.get("/app/account/" + account).body()).as("not on the form until it is put there")
			.doesNotContain("a_" + field);

		String editor = admin.get("/app/settings/forms?entity=account").body();
		assertThat(editor).contains("<option value=\"" + field + "\">Rank (custom)</option>").contains("data-section=\"address\"")
			.contains("<label for=\"add-address\" class=\"visually-hidden\">Field to add to Address</label>");
		HttpResponse<String> added = change(admin, "action=addfield&section=address&field=" + field);
		assertThat(added.statusCode()).isEqualTo(200);
		assertThat(added.body()).contains("Form saved").contains("data-field=\"" + field + "\"")
			.doesNotContain("<option value=\"" + field + "\"");
		String form = admin.get("/app/account/" + account).body();
		assertThat(panel(form, "summary")).contains("name=\"a_" + field + "\"");
		assertThat(form.indexOf("a_address1_telephone1")).isLessThan(form.indexOf("a_" + field));

		assertThat(change(admin, "action=moveup&section=address&field=" + field).statusCode()).isEqualTo(200);
		form = admin.get("/app/account/" + account).body();
		assertThat(form.indexOf("a_" + field)).as("moved up").isLessThan(form.indexOf("a_address1_telephone1"));
		assertThat(form.indexOf("a_address1_country")).isLessThan(form.indexOf("a_" + field));

		HttpResponse<String> section = change(admin, "action=addsection&target=details:1&label=" + WebSession.enc("Sales facts"));
		assertThat(section.body()).contains("data-section=\"sales_facts\"");
		assertThat(change(admin, "action=removefield&section=address&field=" + field).statusCode()).isEqualTo(200);
		assertThat(change(admin, "action=addfield&section=sales_facts&field=" + field).statusCode()).isEqualTo(200);
		assertThat(change(admin, "action=renamesection&section=sales_facts&label=" + WebSession.enc("Key facts")).body())
			.contains("Key facts");
		form = admin.get("/app/account/" + account).body();
		assertThat(panel(form, "summary")).doesNotContain("a_" + field);
		assertThat(panel(form, "details")).contains("Key facts").contains("name=\"a_" + field + "\"");
		String saved = admin.post("/app/account/" + account, "versionnumber=" + WebPagesIntegrationTest.version(form)
				+ "&a_" + field + "=7").body();
		assertThat(saved).contains("Saved.").contains("value=\"7\"");

		assertThat(change(admin, "action=removefield&section=sales_facts&field=" + field).statusCode()).isEqualTo(200);
		assertThat(admin.get("/app/account/" + account).body()).doesNotContain("a_" + field);
	}

	@Test
	void theFormEditorRefusesBadChangesWithAClearMessageAndSavesNothing() {
		WebSession admin = admin();
		String before = admin.get("/app/settings/forms?entity=account").body();

		HttpResponse<String> unknown = change(admin, "action=addfield&section=address&field=new_nosuchfield");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("Account has no field &#39;new_nosuchfield&#39;").contains("id=\"err-address\"");
		HttpResponse<String> system = change(admin, "action=addfield&section=address&field=createdon");
		assertThat(system.statusCode()).isEqualTo(400);
		assertThat(system.body()).contains("is set by the system");
		HttpResponse<String> twice = change(admin, "action=addfield&section=address&field=name");
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(twice.body()).contains("Account Name is already on the form, in Account information");
		HttpResponse<String> noSection = change(admin, "action=addfield&section=nowhere&field=fax");
		assertThat(noSection.statusCode()).isEqualTo(400);
		assertThat(noSection.body()).contains("The form has no section &#39;nowhere&#39;");
		HttpResponse<String> component = change(admin, "action=addfield&section=timeline&field=fax");
		assertThat(component.statusCode()).isEqualTo(400);
		assertThat(component.body()).contains("shows the timeline, not fields");
		HttpResponse<String> noLabel = change(admin, "action=addsection&target=summary:0&label=%20");
		assertThat(noLabel.statusCode()).isEqualTo(400);
		assertThat(noLabel.body()).contains("Give the section a label").contains("id=\"err-new-section\"");
		HttpResponse<String> noTab = change(admin, "action=addsection&target=nowhere:0&label=X");
		assertThat(noTab.statusCode()).isEqualTo(400);
		assertThat(noTab.body()).contains("Choose the tab and column");
		HttpResponse<String> first = change(admin, "action=moveup&section=account_information&field=name");
		assertThat(first.statusCode()).isEqualTo(400);
		assertThat(first.body()).contains("already first");
		assertThat(change(admin, "action=explode&section=address").body()).contains("Unknown change");
		HttpResponse<String> noEntity = admin.post("/app/settings/forms", "action=addfield&section=address&field=fax");
		assertThat(noEntity.statusCode()).isEqualTo(400);
		assertThat(admin.post("/app/settings/forms", "entity=new_nothing&action=addfield").statusCode()).isEqualTo(404);

		String after = admin.get("/app/settings/forms?entity=account").body();
		assertThat(fields(after)).as("nothing was saved").isEqualTo(fields(before));

		// a stale editor: the form changed (a section added) after this version was read
		change(admin, "action=addsection&target=related:0&label=" + WebSession.enc("Stale check " + UUID.randomUUID()));
		String current = version(admin.get("/app/settings/forms?entity=account").body());
		HttpResponse<String> stale = admin.post("/app/settings/forms", "entity=account&versionnumber=" + (Long.parseLong(current) - 1)
				+ "&action=renamesection&section=address&label=Stale");
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("Someone else changed this form");
		assertThat(admin.get("/app/settings/forms?entity=account").body()).doesNotContain("value=\"Stale\"");
	}

	@Test
	void theFormEditorIsForAdministratorsOnly() {
		String login = "forms-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(Api.admin(port).post("/api/admin/users", Map.of("domainname", login, "fullname", "Fay " + login,
				"password", "forms-password", "roles", List.of(SettingsPagesIntegrationTest.SALESPERSON))).status()).isEqualTo(201);
		WebSession salesperson = WebSession.signIn(port, login, "forms-password");
		HttpResponse<String> page = salesperson.get("/app/settings/forms?entity=account");
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("You do not have permission");
		salesperson.get("/");
		HttpResponse<String> post = salesperson.post("/app/settings/forms", "entity=account&action=addsection&target=summary:0&label=Mine");
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(admin().get("/app/settings/forms?entity=account").body()).doesNotContain(">Mine<");
		assertThat(admin().get("/app/settings").body()).contains("href=\"/app/settings/forms\"");
	}

	/** Posts one change to the account's form with the version the editor shows now. */
	private static HttpResponse<String> change(WebSession admin, String form) {
		String editor = admin.get("/app/settings/forms?entity=account").body();
		String version = version(editor);
		return admin.post("/app/settings/forms", "entity=account" + (version == null ? "" : "&versionnumber=" + version) + "&" + form);
	}

	private static String version(String editor) {
		Matcher m = Pattern.compile("name=\"versionnumber\" value=\"(\\d+)\"").matcher(editor);
		return m.find() ? m.group(1) : null;
	}

	private static List<String> fields(String editor) {
		Matcher m = Pattern.compile("data-(?:field|section)=\"([^\"]+)\"").matcher(editor);
		List<String> found = new java.util.ArrayList<>();
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}
}
