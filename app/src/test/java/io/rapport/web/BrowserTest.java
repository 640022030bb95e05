package io.rapport.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test shares: one headless Chromium (Debian's, through Selenium) for the test class, against the
 * application on a random port, and a screenshot into target/screenshots/ after each test. Skipped when Chromium is
 * not installed (CI installs chromium and chromium-driver).
 */
abstract class BrowserTest {

	private static final File CHROMIUM = new File("/usr/bin/chromium");
	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	static ChromeDriver browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() throws Exception {
		Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
				"Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not installed "
						+ "(apt-get install -y chromium chromium-driver)");
		Path profile = Files.createTempDirectory("rapport-chromium");
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
			browser = null;
		}
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	WebDriverWait waiting() {
		return new WebDriverWait(browser, Duration.ofSeconds(10));
	}

	/** Signs in through the sign-in page, with a fresh session, and waits for the home page. */
	void signIn(String user, String password) {
		browser.manage().deleteAllCookies();
		browser.get(url("/"));
		waiting().until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("open-activities")));
	}

	@AfterEach
	void screenshot(TestInfo test) throws Exception {
		if (browser != null) {
			screenshot(test.getTestMethod().orElseThrow().getName());
		}
	}

	/** A screenshot of the page as it is now, as target/screenshots/{name}.png (for a step in the middle of a scenario). */
	void screenshot(String name) throws Exception {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
	}
}
