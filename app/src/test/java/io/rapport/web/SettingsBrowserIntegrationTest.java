package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Settings in a real browser (headless Chromium through Selenium, set up as the ui branch's browser scenarios are): an
 * administrator creates a security role on the privilege grid and a user with that role, and the user signs in and
 * finds the entity the role lets them read; an administrator adds a custom field, puts it on the contact form with the
 * form editor, and fills it on its tab. Ends with a screenshot in target/screenshots/. Skipped when Chromium is
 * not installed.
 */
@RapportTest
class SettingsBrowserIntegrationTest extends BrowserTest {

	private void type(String id, String text) {
		WebElement e = browser.findElement(By.id(id));
		e.clear();
		e.sendKeys(text);
	}

	@Test
	void anAdministratorCreatesARoleOnTheGridAndAUserWithItWhoThenSeesTheEntity() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String account = "Browser Visible " + suffix;
		Api.admin(port).post("/api/data/v9.2/accounts", Map.of("name", account));

		signIn("admin", "admin-test");
		browser.get(url("/app/settings"));
		browser.findElement(By.linkText("Security roles")).click();
		type("r-name", "Account viewers " + suffix);
		browser.findElement(By.id("create-role")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("privilege-grid")));
		String roleId = browser.getCurrentUrl().replaceAll(".*/app/settings/roles/([0-9a-f-]{36}).*", "$1");
		new Select(browser.findElement(By.id("d_account_Read"))).selectByVisibleText("Organization");
		browser.findElement(By.id("save-privileges")).click();
		waiting().until(ExpectedConditions.urlContains("saved"));
		assertThat(new Select(browser.findElement(By.id("d_account_Read"))).getFirstSelectedOption().getText()).isEqualTo("Organization");

		browser.get(url("/app/settings/users"));
		String user = "viewer" + suffix;
		type("u-domainname", user);
		type("u-firstname", "Vera");
		type("u-lastname", "Viewer");
		type("u-password", "secret-pass");
		browser.findElement(By.id("u-role-" + roleId)).click();
		browser.findElement(By.id("create-user")).click();
		waiting().until(ExpectedConditions.urlMatches("/app/settings/users/[0-9a-f-]{36}"));
		assertThat(browser.findElement(By.id("user-roles")).getText()).contains("Account viewers " + suffix);

		signIn(user, "secret-pass");
		assertThat(browser.findElements(By.linkText("Settings"))).as("no Settings for this user").isEmpty();
		browser.findElement(By.cssSelector("a[data-entity=account]")).click();
		waiting().until(ExpectedConditions.urlContains("/app/account"));
		type("quickfind", account);
		browser.findElement(By.id("quickfind")).submit();
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.table-records tbody"), account));
	}

	@Test
	void anAdministratorPutsACustomFieldOnTheContactFormAndItIsFilledOnItsTab() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String last = "Hobbyist" + suffix;
		Api.admin(port).post("/api/data/v9.2/contacts", Map.of("firstname", "Hana", "lastname", last));
		String field = "new_hobby" + suffix.replace("-", "");

		signIn("admin", "admin-test");
		browser.get(url("/app/settings"));
		new Select(browser.findElement(By.id("customize-entity"))).selectByValue("contact");
		browser.findElement(By.id("customize-open")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("add-field-form")));
		type("af-name", field);
		type("af-display", "Hobby");
		new Select(browser.findElement(By.id("af-type"))).selectByValue("String");
		browser.findElement(By.id("add-field-submit")).click();
		waiting().until(ExpectedConditions.urlContains("added=" + field));

		browser.findElement(By.id("add-to-form")).click();
		waiting().until(ExpectedConditions.urlContains("/app/settings/forms?entity=contact"));
		new Select(browser.findElement(By.id("add-personal_information"))).selectByValue(field);
		browser.findElement(By.cssSelector("form[data-add-to=personal_information] button[value=addfield]")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-saved")));
		WebElement section = browser.findElement(By.cssSelector("[data-section=personal_information]"));
		assertThat(section.getText()).contains("Hobby", field);
		browser.executeScript("arguments[0].scrollIntoView()", section);
		screenshot("formEditor");

		browser.get(url("/app/contact?view=all&q=Hana%20" + last));
		browser.findElement(By.linkText("Hana " + last)).click();
		waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Hana " + last));
		assertThat(browser.findElement(By.id("f-" + field)).isDisplayed()).as("on the Details tab, closed").isFalse();
		browser.findElement(By.id("tab-summary")).sendKeys(Keys.ARROW_RIGHT);
		waiting().until(ExpectedConditions.attributeToBe(By.id("tab-details"), "aria-selected", "true"));
		assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-details");
		assertThat(browser.findElement(By.id("panel-summary")).isDisplayed()).isFalse();
		type("f-" + field, "Sailing");
		browser.findElement(By.id("save")).click();
		waiting().until(ExpectedConditions.urlContains("saved"));
		assertThat(browser.findElement(By.id("f-" + field)).isDisplayed()).as("the tab stays open after the save").isTrue();

		browser.get(browser.getCurrentUrl().replaceAll("\\?.*", ""));
		browser.findElement(By.id("tab-details")).click();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("f-" + field)));
		assertThat(browser.findElement(By.id("f-" + field)).getAttribute("value")).isEqualTo("Sailing");
	}
}
