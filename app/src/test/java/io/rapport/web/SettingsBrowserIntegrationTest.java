package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Settings in a real browser (headless Chromium through Selenium, set up as the ui branch's browser scenarios are): an
 * administrator creates a security role on the privilege grid and a user with that role, and the user signs in and
 * finds the entity the role lets them read. Ends with a screenshot in target/screenshots/. Skipped when Chromium is
 * not installed.
 */
@RapportTest
class SettingsBrowserIntegrationTest {

	private static final File CHROMIUM = new File("/usr/bin/chromium");
	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	static ChromeDriver browser;
	static Path profile;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() throws Exception {
		Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
				"Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not installed "
						+ "(apt-get install -y chromium chromium-driver)");
		profile = Files.createTempDirectory("rapport-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1000", "--force-prefers-reduced-motion", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort().build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@AfterEach
	void screenshot(TestInfo test) throws Exception {
		if (browser != null) {
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Files.write(dir.resolve(test.getTestMethod().orElseThrow().getName() + ".png"), browser.getScreenshotAs(OutputType.BYTES));
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(browser, Duration.ofSeconds(10));
	}

	private void signIn(String user, String password) {
		browser.manage().deleteAllCookies();
		browser.get(url("/"));
		waiting().until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("open-activities")));
	}

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
}
