package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Personal views in a real browser: a view with a condition on a related entity is built in the filter editor, saved,
 * shared with another user through the share dialog, and opened by that user from their view chooser; a filter with an
 * "or" group inside the top "and" is built, applied, saved and reopened.
 */
@RapportTest
class ViewsBrowserIntegrationTest extends BrowserTest {

	@Test
	void aViewWithARelatedEntityConditionIsSavedSharedAndOpenedByTheOtherUser() {
		Api api = Api.admin(port);
		String login = "viewer-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", Map.of("domainname", login, "fullname", "Vic " + login, "password",
				"vic-password", "roles", List.of("00000000-0000-0000-0000-0000000000a3"))).status()).isEqualTo(201);
		String tag = "Bv" + UUID.randomUUID().toString().substring(0, 5);
		WebSession http = WebSession.signIn(port, "admin", "admin-test");
		String accounting = id(http.post("/app/account/new", "a_name=" + tag + "Ledger&a_industrycode=1"));
		String farming = id(http.post("/app/account/new", "a_name=" + tag + "Farm&a_industrycode=2"));
		for (String[] c : List.of(new String[] { "Ada", accounting }, new String[] { "Bo", farming },
				new String[] { "Cy", accounting })) {
			http.post("/app/contact/new", "a_firstname=" + c[0] + "&a_lastname=" + tag + "&suppressduplicates=true"
					+ "&a_parentcustomerid=" + WebSession.enc("account:" + c[1]));
		}

		signIn("admin", "admin-test");
		browser.get(url("/app/contact?view=all"));
		browser.findElement(By.cssSelector("details summary")).click();
		browser.findElement(By.id("add-condition")).click();
		waiting().until(d -> d.findElements(By.cssSelector("#filter-rows .filter-row")).size() == 1);
		change(0, "fr", "n1:parentcustomerid:account");
		change(0, "fa", "industrycode");
		new Select(row(0).findElement(By.cssSelector("select[name=fv]"))).selectByValue("1");
		browser.findElement(By.id("add-condition")).click();
		waiting().until(d -> d.findElements(By.cssSelector("#filter-rows .filter-row")).size() == 2);
		change(1, "fa", "lastname");
		change(1, "fo", "BeginsWith");
		row(1).findElement(By.cssSelector("input[name=fv]")).sendKeys(tag);
		browser.findElement(By.id("apply-filter")).click();
		waiting().until(ExpectedConditions.urlContains("custom=1"));
		assertThat(names()).containsExactlyInAnyOrder("Ada " + tag, "Cy " + tag);

		String viewName = "Accounting contacts " + tag;
		WebElement details = browser.findElement(By.cssSelector("details:has(#filter-form)"));
		if (details.getAttribute("open") == null) {
			details.findElement(By.tagName("summary")).click();
		}
		browser.findElement(By.id("viewname")).sendKeys(viewName);
		browser.findElement(By.id("save-view")).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), viewName));
		assertThat(names()).containsExactlyInAnyOrder("Ada " + tag, "Cy " + tag);

		browser.findElement(By.id("share-view")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("share-form")));
		pick("grantee", "Vic " + login);
		browser.findElement(By.id("share-submit")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("shares")));
		assertThat(browser.findElement(By.id("shares")).getText()).contains("Vic " + login, "Read");

		signIn(login, "vic-password");
		browser.get(url("/app/contact"));
		Select chooser = new Select(browser.findElement(By.id("view")));
		WebElement option = chooser.getOptions().stream().filter(o -> o.getText().startsWith(viewName + " (shared by "))
			.findFirst().orElseThrow();
		chooser.selectByValue(option.getAttribute("value"));
		browser.findElement(By.cssSelector("form[aria-label='Choose a view'] button")).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), viewName));
		assertThat(browser.findElement(By.id("shared-by")).getText()).startsWith("Shared with you by ");
		assertThat(names()).containsExactlyInAnyOrder("Ada " + tag, "Cy " + tag);
		assertThat(browser.findElements(By.id("share-view"))).as("shared with Read only").isEmpty();
		browser.findElement(By.cssSelector("details:has(#filter-form) summary")).click();
		assertThat(new Select(browser.findElement(By.cssSelector("#filter-rows select[name=fr]"))).getFirstSelectedOption()
			.getText()).startsWith("Company Name");
	}

	@Test
	void aFilterWithANestedOrGroupIsBuiltWithTheKeyboardAndMouseAppliedSavedAndReopened() throws Exception {
		Api api = Api.admin(port);
		String tag = "Ng" + UUID.randomUUID().toString().substring(0, 5);
		for (String[] c : List.of(new String[] { "Ann", tag, "CEO" }, new String[] { "Ben", tag, "CFO" },
				new String[] { "Cy", tag, "Clerk" }, new String[] { "Dee", "Other" + tag, "CEO" })) {
			assertThat(api.post("/api/data/v9.2/contacts", Map.of("firstname", c[0], "lastname", c[1], "jobtitle", c[2]))
				.status()).isEqualTo(201);
		}

		signIn("admin", "admin-test");
		browser.get(url("/app/contact?view=all"));
		browser.findElement(By.cssSelector("details summary")).click();
		browser.findElement(By.id("add-condition")).click();
		waiting().until(d -> d.findElements(By.cssSelector("#filter-rows > .filter-row")).size() == 1);
		change("#filter-rows", 0, "fa", "lastname");
		change("#filter-rows", 0, "fo", "BeginsWith");
		row("#filter-rows", 0).findElement(By.cssSelector("input[name=fv]")).sendKeys(tag);
		browser.findElement(By.id("add-condition")).click();
		waiting().until(d -> d.findElements(By.cssSelector("#filter-rows > .filter-row")).size() == 2);

		browser.findElement(By.id("add-group")).click();
		WebElement group = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#filter-groups > fieldset.filter-group")));
		String key = group.getAttribute("data-group");
		assertThat(group.findElement(By.tagName("legend")).getText()).isEqualTo("Group of conditions");
		waiting().until(d -> ("gm-" + key).equals(d.switchTo().activeElement().getAttribute("id")));
		assertThat(new Select(browser.findElement(By.id("gm-" + key))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("or");
		String rows = "#rows-" + key;
		change(rows, 0, "fa", "jobtitle");
		row(rows, 0).findElement(By.cssSelector("input[name=fv]")).sendKeys("CEO");
		group.findElement(By.cssSelector(".filter-actions .add-condition")).sendKeys(Keys.ENTER);
		waiting().until(d -> d.findElements(By.cssSelector(rows + " > .filter-row")).size() == 2);
		change(rows, 1, "fa", "jobtitle");
		change(rows, 1, "fo", "BeginsWith");
		row(rows, 1).findElement(By.cssSelector("input[name=fv]")).sendKeys("CF");

		browser.findElement(By.id("add-group")).click();
		waiting().until(d -> d.findElements(By.cssSelector("#filter-groups > fieldset.filter-group")).size() == 2);
		WebElement spare = browser.findElements(By.cssSelector("#filter-groups > fieldset.filter-group")).get(1);
		spare.findElement(By.cssSelector(".remove-group")).sendKeys(Keys.ENTER);
		waiting().until(ExpectedConditions.stalenessOf(spare));
		assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the focus stays in the filter").isEqualTo("add-group");

		// the top's second condition is left without an attribute: it is ignored, and the rows after it keep their operators
		browser.findElement(By.id("apply-filter")).click();
		waiting().until(ExpectedConditions.urlContains("gk="));
		assertThat(names()).containsExactlyInAnyOrder("Ann " + tag, "Ben " + tag);
		assertThat(new Select(browser.findElement(By.cssSelector("#filter-groups select[name=gm]"))).getFirstSelectedOption()
			.getAttribute("value")).isEqualTo("or");

		String viewName = "Chiefs " + tag;
		WebElement details = browser.findElement(By.cssSelector("details:has(#filter-form)"));
		if (details.getAttribute("open") == null) {
			details.findElement(By.tagName("summary")).click();
		}
		browser.findElement(By.id("viewname")).sendKeys(viewName);
		browser.findElement(By.id("save-view")).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), viewName));
		assertThat(names()).containsExactlyInAnyOrder("Ann " + tag, "Ben " + tag);

		browser.get(url("/app/contact"));
		new Select(browser.findElement(By.id("view"))).selectByVisibleText(viewName);
		browser.findElement(By.cssSelector("form[aria-label='Choose a view'] button")).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), viewName));
		assertThat(names()).containsExactlyInAnyOrder("Ann " + tag, "Ben " + tag);
		browser.findElement(By.cssSelector("details:has(#filter-form) summary")).click();
		WebElement reopened = browser.findElement(By.cssSelector("#filter-groups > fieldset.filter-group"));
		assertThat(reopened.findElements(By.cssSelector(".filter-row input[name=fv]")).stream().map(e -> e.getAttribute("value")))
			.containsExactly("CEO", "CF");
		assertThat(new Select(reopened.findElement(By.name("gm"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("or");
		screenshot("nestedFilterGroup");
	}

	private WebElement row(int index) {
		return row("#filter-rows", index);
	}

	/** The row at {@code index} directly in a group's rows ({@code #filter-rows} for the top of the filter). */
	private WebElement row(String rows, int index) {
		return browser.findElements(By.cssSelector(rows + " > .filter-row")).get(index);
	}

	private void change(int index, String field, String value) {
		change("#filter-rows", index, field, value);
	}

	/** Chooses a value in a filter row's select that htmx answers by replacing the row, and waits for the new row. */
	private void change(String rows, int index, String field, String value) {
		WebElement row = row(rows, index);
		new Select(row.findElement(By.cssSelector("select[name=" + field + "]"))).selectByValue(value);
		waiting().until(ExpectedConditions.stalenessOf(row));
		waiting().ignoring(StaleElementReferenceException.class).until(d -> value.equals(
				new Select(row(rows, index).findElement(By.cssSelector("select[name=" + field + "]"))).getFirstSelectedOption()
					.getAttribute("value")));
	}


	private List<String> names() {
		return browser.findElements(By.cssSelector("table.table-records tbody tr td:nth-child(2)")).stream()
			.map(WebElement::getText).toList();
	}

	private static String id(HttpResponse<String> r) {
		Matcher m = Pattern.compile("/app/[a-z0-9_]+/([0-9a-f-]{36})").matcher(r.uri().getPath());
		assertThat(m.find()).as("on a record page: " + r.uri()).isTrue();
		return m.group(1);
	}
}
