package io.rapport.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test shares: one headless Chromium (Debian's, through Selenium) for the test class, against the
 * application on a random port, a screenshot into target/screenshots/ after each test, and no console errors: a test
 * fails when any page it visited logged an error to the browser console (a script error, a missing asset, a refused
 * request), unless the test said it provokes that refusal ({@link #expectRefusal}). Skipped when Chromium is not
 * installed (CI installs chromium and chromium-driver).
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
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
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

	/** Types into a lookup and picks the result with that name from the type-ahead list. */
	void pick(String inputId, String name) {
		org.openqa.selenium.WebElement input = browser.findElement(By.id(inputId));
		input.clear();
		input.sendKeys(name);
		By result = By.xpath("//input[@id='" + inputId + "']/ancestor::div[contains(@class,'lookup')]"
				+ "//button[contains(@class,'lookup-pick')][@data-label='" + name + "']");
		waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class).until(d -> {
				d.findElement(result).click();
				return true;
			});
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

	/** HTTP statuses this test provokes on purpose; the console lines the browser logs for them are expected. */
	private final List<Integer> refusals = new ArrayList<>();

	/**
	 * Says that the test provokes a response with this status on purpose (a 409 after a concurrent change, a 400 for
	 * bad input): the browser's "Failed to load resource: … status of 409" and htmx's "Response Status Error Code 409"
	 * are then not console errors. Any other status still fails the test.
	 */
	void expectRefusal(int status) {
		refusals.add(status);
	}

	@BeforeEach
	void forgetEarlierConsole() {
		if (browser != null) {
			browser.manage().logs().get(LogType.BROWSER);
		}
	}

	@AfterEach
	void screenshotAndConsole(TestInfo test) throws Exception {
		if (browser != null) {
			screenshot(test.getTestMethod().orElseThrow().getName());
			List<String> errors = consoleErrors();
			if (!errors.isEmpty()) {
				throw new AssertionError("The browser console logged errors during the test:\n" + String.join("\n", errors));
			}
		}
	}

	/**
	 * The errors (severity SEVERE) the browser console logged since the last call, on every page visited since, less
	 * those of the refusals the test expects.
	 */
	List<String> consoleErrors() {
		return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter(m -> !expected(m))
			.toList();
	}

	private boolean expected(String message) {
		return refusals.stream().anyMatch(s -> message.contains("the server responded with a status of " + s + " ")
				|| message.contains("Response Status Error Code " + s + " "));
	}

	/** A screenshot of the page as it is now, as target/screenshots/{name}.png (for a step in the middle of a scenario). */
	void screenshot(String name) throws Exception {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
	}
}
