package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Currencies in a real browser (headless Chromium): an administrator adds a currency in Settings › Currencies; a
 * salesperson creates an account, picks that currency in the Currency lookup, enters the annual revenue and sees the
 * currency's symbol beside the money inputs and in the list. Ends with a screenshot in target/screenshots/. Skipped
 * when Chromium is not installed.
 */
@RapportTest
class CurrencyBrowserIntegrationTest extends BrowserTest {

	private void type(String id, String text) {
		WebElement e = browser.findElement(By.id(id));
		e.clear();
		e.sendKeys(text);
	}


	@Test
	void anAdministratorAddsACurrencyAndASalespersonEntersRevenueInItAndSeesItsSymbol() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String code = CurrencyIntegrationTest.code();
		String currency = "Swiss Franc " + suffix;
		String user = "franc" + suffix;
		Api.Response created = Api.admin(port).post("/api/admin/users", Map.of("domainname", user, "firstname", "Frida",
				"lastname", "Franc", "password", "secret-pass", "roles", List.of(SettingsPagesIntegrationTest.SALESPERSON)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);

		signIn("admin", "admin-test");
		browser.get(url("/app/settings"));
		browser.findElement(By.cssSelector("main a[href='/app/settings/currencies']")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("currency-form")));
		type("c-currencyname", currency);
		type("c-isocurrencycode", code);
		type("c-currencysymbol", "CHF ");
		type("c-exchangerate", "0.88");
		browser.findElement(By.id("create-currency")).click();
		waiting().until(ExpectedConditions.urlContains("created="));
		assertThat(browser.findElement(By.cssSelector("#currencies tr[data-code=" + code + "]")).getText())
			.contains(currency).contains("CHF").contains("0.88");

		signIn(user, "secret-pass");
		browser.get(url("/app/account/new"));
		String account = "Alpine Trading " + suffix;
		type("f-name", account);
		browser.findElement(By.id("tab-details")).click();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("f-transactioncurrencyid")));
		pick("f-transactioncurrencyid", currency);
		type("f-revenue", "2500000");
		browser.findElement(By.id("save")).click();
		waiting().until(ExpectedConditions.urlMatches("/app/account/[0-9a-f-]{36}"));
		if (!browser.findElement(By.id("f-revenue")).isDisplayed()) {
			browser.findElement(By.id("tab-details")).click();
		}
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("f-revenue")));
		WebElement symbol = browser.findElement(By.xpath("//input[@id='f-revenue']/preceding-sibling::span[contains(@class,'currency-symbol')]"));
		assertThat(symbol.getText()).isEqualTo("CHF");
		assertThat(browser.findElement(By.id("f-transactioncurrencyid")).getAttribute("value")).isEqualTo(currency);

		browser.get(url("/app/account?custom=1&cols=name,revenue,transactioncurrencyid&q=" + WebSession.enc(account)));
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.table-records tbody"), "CHF2,500,000.00"));
		browser.get(url("/app/account/" + browser.findElement(By.linkText(account)).getAttribute("href").replaceAll(".*/", "")));
		browser.findElement(By.id("tab-details")).click();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("f-revenue")));
	}
}
