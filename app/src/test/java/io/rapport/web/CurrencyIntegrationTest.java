package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.currency.Currencies;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Money with its currency: the seeded base currency, a new record taking it (through the pipeline, for the UI and the
 * API alike), the exchange rate captured on the record, a currency chosen on the form or bound through OData, the
 * symbol on forms and lists, and Settings › Currencies with its refusals.
 */
@RapportTest
class CurrencyIntegrationTest {

	static final String BASE = Currencies.BASE_CURRENCY_ID.toString();

	@LocalServerPort
	int port;

	private WebSession admin() {
		return WebSession.signIn(port, "admin", "admin-test");
	}

	/** A currency code no other test uses (the rules need three letters, not a code the JDK knows). */
	static String code() {
		Random r = new Random();
		return "Q" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
	}

	/** Adds a currency through Settings; returns its id. */
	static String addCurrency(WebSession admin, String code, String name, String symbol, String rate) {
		admin.get("/app/settings/currencies");
		HttpResponse<String> created = admin.post("/app/settings/currencies", "currencyname=" + WebSession.enc(name)
				+ "&isocurrencycode=" + code + "&currencysymbol=" + WebSession.enc(symbol) + "&exchangerate=" + rate
				+ "&currencyprecision=2");
		assertThat(created.body()).as(created.body()).contains("Currency added").contains(name);
		return created.uri().getQuery().replace("created=", "");
	}

	@Test
	void theBaseCurrencyIsSeededAndANewRecordTakesItWithItsExchangeRate() {
		Api api = Api.admin(port);
		Api.Response currency = api.get("/api/data/v9.2/transactioncurrencies(" + BASE + ")");
		assertThat(currency.status()).isEqualTo(200);
		assertThat(currency.json()).containsEntry("isocurrencycode", "USD").containsEntry("currencysymbol", "$");

		Api.Response created = api.post("/api/data/v9.2/accounts", Map.of("name", "Currency default " + UUID.randomUUID(),
				"revenue", 1500), "Prefer", "return=representation");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json()).containsEntry("_transactioncurrencyid_value", BASE);
		assertThat(new java.math.BigDecimal(created.json().get("exchangerate").toString())).isEqualByComparingTo("1");

		// a contact made without money values gets the base currency too
		Api.Response contact = api.post("/api/data/v9.2/contacts", Map.of("lastname", "Currency"), "Prefer", "return=representation");
		assertThat(contact.json()).containsEntry("_transactioncurrencyid_value", BASE);
	}

	@Test
	void aCurrencyBoundThroughTheApiIsKeptWithItsRateAndAnInactiveOneIsRefused() {
		WebSession admin = admin();
		String code = code();
		String id = addCurrency(admin, code, "Api Crown " + code, "Kr", "7.5");
		Api api = Api.admin(port);
		Api.Response created = api.post("/api/data/v9.2/accounts", Map.of("name", "Bound " + code, "revenue", 10,
				"transactioncurrencyid@odata.bind", "/transactioncurrencies(" + id + ")"), "Prefer", "return=representation");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json()).containsEntry("_transactioncurrencyid_value", id);
		assertThat(new java.math.BigDecimal(created.json().get("exchangerate").toString())).isEqualByComparingTo("7.5");

		// the rate changes: an existing record keeps its rate until its currency or a money value is set again
		String page = admin.get("/app/settings/currencies/" + id).body();
		HttpResponse<String> saved = admin.post("/app/settings/currencies/" + id, "currencyname=Api+Crown+" + code
				+ "&currencysymbol=Kr&exchangerate=8&currencyprecision=2&versionnumber=" + WebPagesIntegrationTest.version(page));
		assertThat(saved.body()).contains("Currency saved");
		String account = created.json().get("accountid").toString();
		assertThat(new java.math.BigDecimal(api.get("/api/data/v9.2/accounts(" + account + ")?$select=exchangerate").json()
			.get("exchangerate").toString())).isEqualByComparingTo("7.5");
		assertThat(api.patch("/api/data/v9.2/accounts(" + account + ")", Map.of("revenue", 20)).status()).isEqualTo(204);
		assertThat(new java.math.BigDecimal(api.get("/api/data/v9.2/accounts(" + account + ")?$select=exchangerate").json()
			.get("exchangerate").toString())).isEqualByComparingTo("8");

		admin.get("/app/settings/currencies/" + id);
		assertThat(admin.post("/app/settings/currencies/" + id + "/state", "active=false").body()).contains("Deactivated");
		Api.Response refused = api.post("/api/data/v9.2/accounts", Map.of("name", "Inactive " + code,
				"transactioncurrencyid@odata.bind", "/transactioncurrencies(" + id + ")"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("inactive");

		// a bulk create: the records without a currency get the base one; an inactive one is refused by its index
		String bulk = "/api/data/v9.2/accounts/Microsoft.Dynamics.CRM.CreateMultiple";
		Api.Response ids = api.post(bulk, Map.of("Targets", java.util.List.of(Map.of("name", "Bulk one " + code),
				Map.of("name", "Bulk two " + code, "revenue", 5))));
		assertThat(ids.status()).as(ids.body()).isEqualTo(200);
		Object second = ((java.util.List<?>) ids.json().get("Ids")).get(1);
		assertThat(api.get("/api/data/v9.2/accounts(" + second + ")?$select=_transactioncurrencyid_value").json())
			.containsEntry("_transactioncurrencyid_value", BASE);
		Api.Response bulkRefused = api.post(bulk, Map.of("Targets", java.util.List.of(Map.of("name", "Bulk three " + code),
				Map.of("name", "Bulk four " + code, "transactioncurrencyid@odata.bind", "/transactioncurrencies(" + id + ")"))));
		assertThat(bulkRefused.status()).isEqualTo(400);
		assertThat(bulkRefused.body()).contains("Targets[1]").contains("inactive");
	}

	@Test
	void aSalespersonEntersRevenueInACurrencyAndSeesItsSymbolOnTheFormAndTheList() {
		WebSession admin = admin();
		String code = code();
		String id = addCurrency(admin, code, "Form Mark " + code, "M$" + code.substring(1), "1.25");
		String symbol = "M$" + code.substring(1);
		String user = "cur" + UUID.randomUUID().toString().substring(0, 8);
		SettingsPagesIntegrationTest.createUser(admin, user, SettingsPagesIntegrationTest.SALESPERSON);
		WebSession sales = WebSession.signIn(port, user, "secret-pass");

		String blank = sales.get("/app/account/new").body();
		assertThat(blank).contains("<span class=\"input-group-text currency-symbol\" title=\"US Dollar\">$</span>")
			.contains("id=\"f-transactioncurrencyid\"");
		String name = "Revenue " + code;
		HttpResponse<String> created = sales.post("/app/account/new", "a_name=" + WebSession.enc(name) + "&a_revenue=1234.5"
				+ "&a_transactioncurrencyid=transactioncurrency:" + id);
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.uri().getPath()).matches("/app/account/[0-9a-f-]{36}");
		assertThat(created.body()).contains("currency-symbol\" title=\"Form Mark " + code + "\">" + symbol + "</span>")
			.contains("Form Mark " + code).contains("1.25");

		String list = sales.get("/app/account?q=" + WebSession.enc(name) + "&custom=1&cols=name,revenue").body();
		assertThat(list).contains(symbol + "1,234.50");

		// without a currency: the base currency's symbol
		HttpResponse<String> plain = sales.post("/app/account/new", "a_name=" + WebSession.enc("Plain " + code) + "&a_revenue=99");
		assertThat(plain.body()).contains("title=\"US Dollar\">$</span>");
		assertThat(sales.get("/app/account?q=" + WebSession.enc("Plain " + code) + "&custom=1&cols=name,revenue").body())
			.contains("$99.00");

		// clearing the currency is refused next to the field
		String page = plain.body();
		HttpResponse<String> cleared = sales.post(plain.uri().getPath(), "a_name=" + WebSession.enc("Plain " + code)
				+ "&a_transactioncurrencyid=&a_revenue=99&versionnumber=" + WebPagesIntegrationTest.version(page));
		assertThat(cleared.body()).contains("id=\"err-transactioncurrencyid\"");
	}

	@Test
	void settingsListsAddsAndEditsCurrenciesAndRefusesWhatDataverseRefuses() {
		WebSession admin = admin();
		String list = admin.get("/app/settings/currencies").body();
		assertThat(list).contains("data-code=\"USD\"").contains("Base currency");
		String code = code();
		String id = addCurrency(admin, code, "Settings Pound " + code, "P", "0.8");
		assertThat(admin.get("/app/settings/currencies").body()).contains("data-code=\"" + code + "\"");

		// the same code twice, a lower-case one that is not three letters, a rate of zero: messages next to the fields
		HttpResponse<String> twice = admin.post("/app/settings/currencies", "currencyname=Again&isocurrencycode="
				+ code.toLowerCase() + "&currencysymbol=P&exchangerate=1&currencyprecision=2");
		assertThat(twice.statusCode()).isEqualTo(200);
		assertThat(errorOf(twice.body(), "isocurrencycode")).contains("already");
		HttpResponse<String> bad = admin.post("/app/settings/currencies",
				"currencyname=Bad&isocurrencycode=E1&currencysymbol=B&exchangerate=1&currencyprecision=2");
		assertThat(errorOf(bad.body(), "isocurrencycode")).contains("three-letter");
		HttpResponse<String> zero = admin.post("/app/settings/currencies",
				"currencyname=Zero&isocurrencycode=" + code() + "&currencysymbol=Z&exchangerate=0&currencyprecision=2");
		assertThat(zero.body()).contains("id=\"err-exchangerate\"");

		// the base currency: its rate stays 1, it cannot be deactivated (no button, and a crafted post is refused)
		String basePage = admin.get("/app/settings/currencies/" + BASE).body();
		assertThat(basePage).doesNotContain("id=\"toggle-currency\"").contains("cannot be deactivated");
		HttpResponse<String> rate = admin.post("/app/settings/currencies/" + BASE, "currencyname=US+Dollar&currencysymbol=$"
				+ "&exchangerate=2&currencyprecision=2&versionnumber=" + WebPagesIntegrationTest.version(basePage));
		assertThat(errorOf(rate.body(), "exchangerate")).contains("always 1");
		admin.get("/app/settings/currencies/" + BASE);
		HttpResponse<String> deactivate = admin.post("/app/settings/currencies/" + BASE + "/state", "active=false");
		assertThat(deactivate.statusCode()).isEqualTo(400);
		assertThat(deactivate.body()).contains("The base currency cannot be deactivated");

		// another currency is deactivated and activated again
		admin.get("/app/settings/currencies/" + id);
		assertThat(admin.post("/app/settings/currencies/" + id + "/state", "active=false").body()).contains("Inactive");
		assertThat(admin.post("/app/settings/currencies/" + id + "/state", "active=true").body()).contains("Activated");

		// only administrators: a salesperson is refused
		String user = "curs" + UUID.randomUUID().toString().substring(0, 8);
		SettingsPagesIntegrationTest.createUser(admin, user, SettingsPagesIntegrationTest.SALESPERSON);
		WebSession sales = WebSession.signIn(port, user, "secret-pass");
		assertThat(sales.get("/app/settings/currencies").statusCode()).isEqualTo(403);
		sales.get("/");
		assertThat(sales.post("/app/settings/currencies", "currencyname=X&isocurrencycode=XXY&currencysymbol=X&exchangerate=1")
			.statusCode()).isEqualTo(403);
	}

	static String errorOf(String page, String field) {
		Matcher m = Pattern.compile("id=\"err-" + field + "\"[^>]*>([^<]*)<").matcher(page);
		assertThat(m.find()).as("an error next to " + field + " in\n" + page).isTrue();
		return m.group(1);
	}
}
