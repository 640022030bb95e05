package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * The scenarios in a real browser (headless Chromium through Selenium), against the application on a random
 * port. One browser for the whole class; each scenario signs in as the person it needs and ends with a screenshot
 * in target/screenshots/. Skipped when Chromium is not installed (CI installs chromium and chromium-driver).
 */
@RapportTest
class BrowserScenariosIntegrationTest extends BrowserTest {

	private void signInAsAdmin() {
		signIn("admin", "admin-test");
	}

	private static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 6);
	}

	private void type(String id, String text) {
		WebElement e = browser.findElement(By.id(id));
		e.clear();
		e.sendKeys(text);
	}

	private void save() {
		browser.findElement(By.id("save")).click();
	}


	private String createAccount(String name) {
		browser.get(url("/app/account/new"));
		type("f-name", name);
		save();
		waiting().until(ExpectedConditions.urlMatches("/app/account/[0-9a-f-]{36}"));
		return browser.getCurrentUrl().replaceAll(".*/app/account/([0-9a-f-]{36}).*", "$1");
	}

	@Test
	void consoleErrorsOfEveryPageVisitedAreCaughtAndAnExpectedRefusalIsNot() {
		signInAsAdmin();
		browser.get(url("/app/contact?view=all"));
		browser.executeScript("console.error('broken on the list')");
		browser.executeAsyncScript("var done = arguments[arguments.length - 1]; var s = document.createElement('script');"
				+ " s.src = '/js/missing.js'; s.onerror = done; document.head.appendChild(s);");
		browser.get(url("/app/account?view=all"));
		browser.executeAsyncScript("fetch('/app/no-such-entity-here').then(arguments[arguments.length - 1])");
		List<String> errors = consoleErrors();
		assertThat(errors).anyMatch(m -> m.contains("broken on the list")).anyMatch(m -> m.contains("/js/missing.js"))
			.anyMatch(m -> m.contains("/app/no-such-entity-here"));

		expectRefusal(404);
		browser.executeAsyncScript("fetch('/app/no-such-entity-here').then(arguments[arguments.length - 1])");
		assertThat(consoleErrors()).as("a 404 the test expects").isEmpty();
	}

	@Test
	void aPersonSignsInAndSeesTheirHomePage() {
		signInAsAdmin();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome");
		assertThat(browser.findElement(By.cssSelector("nav[aria-label=Areas]")).getAttribute("textContent")).contains("Sales",
				"Accounts", "Contacts", "Activities", "Settings");
	}

	@Test
	void anAccountIsCreatedWithAPrimaryContact() {
		signInAsAdmin();
		String account = unique("Northwind");
		createAccount(account);
		browser.findElement(By.cssSelector("a[data-subgrid-new=contact]")).click();
		assertThat(browser.findElement(By.id("f-parentcustomerid")).getAttribute("value")).isEqualTo(account);
		type("f-firstname", "Nancy");
		String last = unique("Davolio").replace(" ", "");
		type("f-lastname", last);
		save();
		waiting().until(ExpectedConditions.urlMatches("/app/contact/[0-9a-f-]{36}"));
		browser.findElement(By.cssSelector("a[aria-label='Open " + account + "']")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("f-primarycontactid")));
		assertThat(browser.findElement(By.cssSelector("table[data-subgrid=contact]")).getText()).contains("Nancy " + last);
		pick("f-primarycontactid", "Nancy " + last);
		save();
		waiting().until(ExpectedConditions.urlContains("saved"));
		assertThat(browser.findElement(By.id("f-primarycontactid")).getAttribute("value")).isEqualTo("Nancy " + last);
	}

	@Test
	void aPhoneCallLoggedOnTheTimelineShowsThereNewestFirst() {
		signInAsAdmin();
		createAccount(unique("Timeline"));
		WebElement form = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("quick-create")));
		new Select(form.findElement(By.id("qc-type"))).selectByValue("task");
		form.findElement(By.id("qc-subject")).sendKeys("Send the brochure");
		form.findElement(By.id("quick-create-submit")).click();
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline-entries"), "Send the brochure"));
		WebElement again = browser.findElement(By.id("quick-create"));
		new Select(again.findElement(By.id("qc-type"))).selectByValue("phonecall");
		again.findElement(By.id("qc-subject")).sendKeys("Call about the renewal");
		again.findElement(By.id("quick-create-submit")).click();
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline-entries"), "Call about the renewal"));
		List<WebElement> entries = browser.findElements(By.cssSelector("#timeline-entries li"));
		assertThat(entries.get(0).getText()).contains("Phone Call", "Call about the renewal");
		assertThat(entries.get(1).getText()).contains("Send the brochure");
	}

	@Test
	void aPersonalViewWithAFilterAndASortIsSavedAndChosenAgain() {
		Api api = Api.admin(port);
		String city = "Vw" + UUID.randomUUID().toString().substring(0, 5);
		for (String last : List.of("Alpha", "Charlie", "Bravo")) {
			assertThat(api.post("/api/data/v9.2/contacts", Map.of("lastname", last + city, "address1_city", city)).status())
				.isEqualTo(201);
		}
		api.post("/api/data/v9.2/contacts", Map.of("lastname", "Other" + city, "address1_city", "Elsewhere"));
		signInAsAdmin();
		browser.get(url("/app/contact"));
		openEditor();
		browser.findElement(By.id("add-condition")).click();
		WebElement attribute = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#filter-rows select[name=fa]")));
		new Select(attribute).selectByValue("address1_city");
		waiting().until(d -> !d.findElements(By.cssSelector("#filter-rows input[name=fv][type=text]")).isEmpty());
		new Select(browser.findElement(By.cssSelector("#filter-rows select[name=fo]"))).selectByValue("Eq");
		waiting().until(d -> !d.findElements(By.cssSelector("#filter-rows input[name=fv][type=text]")).isEmpty());
		browser.findElement(By.cssSelector("#filter-rows input[name=fv]")).sendKeys(city);
		browser.findElement(By.id("apply-filter")).click();
		waiting().until(ExpectedConditions.urlContains("custom=1"));
		browser.findElement(By.cssSelector("th a[data-sort=fullname]")).click();
		waiting().until(ExpectedConditions.urlContains("sort=fullname"));
		browser.findElement(By.cssSelector("th a[data-sort=fullname]")).click();
		waiting().until(ExpectedConditions.urlContains("desc=true"));
		assertThat(names()).containsExactly("Charlie" + city, "Bravo" + city, "Alpha" + city);
		openEditor();
		type("viewname", "Contacts in " + city);
		browser.findElement(By.id("save-view")).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Contacts in " + city));
		assertThat(names()).containsExactly("Charlie" + city, "Bravo" + city, "Alpha" + city);
		browser.get(url("/app/contact"));
		new Select(browser.findElement(By.id("view"))).selectByVisibleText("Contacts in " + city);
		browser.findElement(By.cssSelector("form[aria-label='Choose a view'] button")).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Contacts in " + city));
		assertThat(names()).containsExactly("Charlie" + city, "Bravo" + city, "Alpha" + city);
	}

	private void openEditor() {
		WebElement details = browser.findElement(By.tagName("details"));
		if (details.getAttribute("open") == null) {
			details.findElement(By.tagName("summary")).click();
		}
	}

	private List<String> names() {
		return browser.findElements(By.cssSelector("table.table-records tbody tr td:nth-child(2)")).stream()
			.map(WebElement::getText).toList();
	}

	@Test
	void aSharedRecordAppearsForTheOtherUserAndAnUnsharedOneDoesNot() {
		Api api = Api.admin(port);
		String unit = (String) api.post("/api/admin/businessunits", Map.of("name", unique("Branch"))).json().get("id");
		String login = "share-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", Map.of("domainname", login, "fullname", "Sam " + login, "password", "sam-password",
				"businessunitid", unit, "roles", List.of("00000000-0000-0000-0000-0000000000a3"))).status()).isEqualTo(201);
		signInAsAdmin();
		String shared = unique("Shared Co");
		String secret = unique("Secret Co");
		createAccount(secret);
		createAccount(shared);
		browser.findElement(By.id("share")).click();
		pick("grantee", "Sam " + login);
		browser.findElement(By.id("share-submit")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("shares")));
		assertThat(browser.findElement(By.id("shares")).getText()).contains("Sam " + login, "Read");

		signIn(login, "sam-password");
		browser.get(url("/app/account?view=all"));
		String list = browser.findElement(By.cssSelector("table.table-records")).getText();
		assertThat(list).contains(shared).doesNotContain(secret);
		browser.findElement(By.linkText(shared)).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), shared));
		assertThat(browser.findElements(By.id("save"))).as("read-only share: no Save").isEmpty();
		assertThat(browser.findElements(By.id("delete"))).isEmpty();
	}

	@Test
	void aCustomFieldAddedInSettingsAndPutOnTheFormIsSavedThereAndShownInAView() {
		// a field name of its own: the application context (and its metadata) is shared with other test classes
		signInAsAdmin();
		browser.get(url("/app/settings"));
		new Select(browser.findElement(By.id("customize-entity"))).selectByValue("account");
		browser.findElement(By.id("customize-open")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("add-field-form")));
		String field = "new_tier" + UUID.randomUUID().toString().substring(0, 4);
		type("af-name", field);
		type("af-display", "Tier");
		new Select(browser.findElement(By.id("af-type"))).selectByValue("Picklist");
		type("af-options", "Gold; Silver; Bronze");
		browser.findElement(By.id("add-field-submit")).click();
		waiting().until(ExpectedConditions.urlContains("added=" + field));
		browser.findElement(By.id("add-to-form")).click();
		new Select(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("add-account_information")))).selectByValue(field);
		browser.findElement(By.cssSelector("form[data-add-to=account_information] button[value=addfield]")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-saved")));

		String account = unique("Tiered");
		browser.get(url("/app/account/new"));
		type("f-name", account);
		new Select(browser.findElement(By.id("f-" + field))).selectByVisibleText("Gold");
		save();
		waiting().until(ExpectedConditions.urlMatches("/app/account/[0-9a-f-]{36}"));
		assertThat(new Select(browser.findElement(By.id("f-" + field))).getFirstSelectedOption().getText()).isEqualTo("Gold");

		browser.get(url("/app/account?view=all&q=" + account.replace(" ", "%20")));
		openEditor();
		new Select(browser.findElement(By.id("cols"))).selectByValue(field);
		browser.findElement(By.id("apply-filter")).click();
		waiting().until(ExpectedConditions.urlContains("custom=1"));
		assertThat(browser.findElement(By.cssSelector("table.table-records thead")).getText()).contains("Tier");
		assertThat(browser.findElement(By.cssSelector("table.table-records tbody")).getText()).contains(account, "Gold");
	}

	@Test
	void aConnectionIsAddedWithARole() {
		Api api = Api.admin(port);
		String last = "Conn" + UUID.randomUUID().toString().substring(0, 5);
		api.post("/api/data/v9.2/contacts", Map.of("firstname", "Janet", "lastname", last));
		signInAsAdmin();
		createAccount(unique("Employer Inc"));
		browser.findElement(By.id("connect")).click();
		pick("other", "Janet " + last);
		new Select(browser.findElement(By.id("role"))).selectByVisibleText("Employer");
		browser.findElement(By.id("connect-submit")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("connection-list")));
		assertThat(browser.findElement(By.id("connection-list")).getText()).contains("Janet " + last, "is Employee");
	}

	@Test
	void twoDuplicateContactsAreMergedChoosingFieldByField() {
		Api api = Api.admin(port);
		String last = "Dup" + UUID.randomUUID().toString().substring(0, 5);
		String email = last.toLowerCase() + "@example.com";
		api.post("/api/data/v9.2/contacts", Map.of("firstname", "Mia", "lastname", last, "emailaddress1", email,
				"telephone1", "111"));
		api.post("/api/data/v9.2/contacts", Map.of("firstname", "Mia", "lastname", last, "emailaddress1", email,
				"telephone1", "222"), "MSCRM.SuppressDuplicateDetection", "true");
		signInAsAdmin();
		browser.get(url("/app/contact?q=Mia%20" + last));
		List<WebElement> boxes = browser.findElements(By.cssSelector("input.row-select"));
		assertThat(boxes).hasSize(2);
		boxes.forEach(WebElement::click);
		browser.findElement(By.id("merge-selected")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("merge-form")));
		browser.findElement(By.xpath("//form[@id='merge-form']//label[normalize-space()='222']")).click();
		browser.findElement(By.id("merge-submit")).click();
		waiting().until(ExpectedConditions.urlContains("merged"));
		assertThat(browser.findElement(By.id("f-telephone1")).getAttribute("value")).isEqualTo("222");
		browser.get(url("/app/contact?view=active&q=Mia%20" + last));
		assertThat(browser.findElements(By.cssSelector("input.row-select"))).hasSize(1);
	}

	@Test
	void anExistingContactIsAddedToAnAccountsSubgrid() {
		Api api = Api.admin(port);
		String last = "Exist" + UUID.randomUUID().toString().substring(0, 5);
		api.post("/api/data/v9.2/contacts", Map.of("firstname", "Ann", "lastname", last));
		signInAsAdmin();
		createAccount(unique("Adopters Ltd"));
		WebElement panel = browser.findElement(By.cssSelector("details[data-subgrid-existing=contact]"));
		panel.findElement(By.tagName("summary")).click();
		String input = panel.findElement(By.cssSelector("input.lookup-text")).getAttribute("id");
		pick(input, "Ann " + last);
		panel.findElement(By.cssSelector("button.add-existing-submit")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("added-existing")));
		WebElement grid = browser.findElement(By.cssSelector("table[data-subgrid=contact]"));
		assertThat(grid.getText()).contains("Ann " + last);
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", grid);
	}

	@Test
	void everyRecordInAFilteredViewIsSelectedAndDeletedByTheBulkDeleteJob() {
		Api api = Api.admin(port);
		String last = "Sweep" + UUID.randomUUID().toString().substring(0, 5);
		for (int i = 0; i < 55; i++) {
			api.post("/api/data/v9.2/contacts", Map.of("firstname", "P" + i, "lastname", last));
		}
		signInAsAdmin();
		browser.get(url("/app/contact?view=all&custom=1&fa=lastname&fo=Eq&fv=" + last));
		assertThat(browser.findElement(By.id("select-all-banner")).isDisplayed()).isFalse();
		browser.findElement(By.cssSelector("input.select-all")).click();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("select-all-banner")));
		assertThat(browser.findElement(By.id("select-all-banner")).getText()).contains("All 50 rows on this page are selected");
		browser.findElement(By.id("select-all-records")).click();
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("select-all-banner"), "All 55 contacts"));
		browser.findElement(By.id("delete-selected")).click();
		waiting().until(ExpectedConditions.textToBe(By.id("confirm-title"), "Delete 55 contacts?"));
		browser.findElement(By.id("confirm-delete")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job-submitted")));
		new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("jobs-table"), "55 of 55"));
		assertThat(browser.findElement(By.id("jobs-table")).getText()).contains("Delete contacts in the view All Contacts",
				"55 succeeded");
		assertThat(api.get("/api/data/v9.2/contacts?$select=lastname&$filter=lastname%20eq%20'" + last + "'").value()).isEmpty();
	}

	@Test
	void checkForDuplicatesOnAContactFindsItsDuplicate() {
		Api api = Api.admin(port);
		String last = "Twin" + UUID.randomUUID().toString().substring(0, 5);
		String email = last.toLowerCase() + "@example.com";
		String first = api.post("/api/data/v9.2/contacts", Map.of("firstname", "Ida", "lastname", last, "emailaddress1", email))
			.header("OData-EntityId").replaceAll(".*\\(([0-9a-f-]{36})\\).*", "$1");
		api.post("/api/data/v9.2/contacts", Map.of("firstname", "Ada", "lastname", last, "emailaddress1", email),
				"MSCRM.SuppressDuplicateDetection", "true");
		signInAsAdmin();
		browser.get(url("/app/contact/" + first));
		browser.findElement(By.id("check-duplicates")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("duplicate-matches")));
		String matches = browser.findElement(By.id("duplicate-matches")).getText();
		assertThat(matches).contains("Ada " + last, email);
		browser.findElement(By.cssSelector("a.merge-duplicate")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("merge-form")));
		assertThat(browser.findElement(By.id("merge-form")).getText()).contains("Ida " + last, "Ada " + last);
		browser.navigate().back();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("duplicate-matches")));
	}
}
