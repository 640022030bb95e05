package io.rapport.web;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.currency.Currencies;
import io.rapport.data.Records;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;

/**
 * Settings › Currencies: the organization's currencies with their exchange rates; add one, change its name, symbol,
 * rate or precision, deactivate and activate it. Every change is a {@code transactioncurrency} record change through the
 * pipeline, whose rules refuse what Dataverse refuses (a second currency with the same code, changing the code, a base
 * currency rate other than 1, deactivating the base currency).
 */
@Controller
class CurrencySettingsController {

	static final List<String> FIELDS = List.of("currencyname", "isocurrencycode", "currencysymbol", "exchangerate",
			"currencyprecision");

	record CurrencyRow(UUID id, String name, String code, String symbol, String rate, Integer precision, boolean active,
			boolean base) {
	}

	private final Records records;
	private final Queries queries;
	private final CurrentPrincipal principal;

	CurrencySettingsController(Records records, Queries queries, CurrentPrincipal principal) {
		this.records = records;
		this.queries = queries;
		this.principal = principal;
	}

	@GetMapping("/app/settings/currencies")
	String list(Model model) {
		return listPage(model, Map.of("currencyprecision", "2", "exchangerate", "1"), Map.of(), null);
	}

	@PostMapping("/app/settings/currencies")
	String create(@RequestParam Map<String, String> form, Model model) {
		try {
			EntityRecord currency = new EntityRecord("transactioncurrency");
			for (String f : FIELDS) {
				currency.set(f, value(f, form.get(f)));
			}
			UUID id = records.create(principal.get(), currency);
			return "redirect:/app/settings/currencies?created=" + id;
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return listPage(model, form, FormErrors.of(e), e.getMessage());
		}
	}

	@GetMapping("/app/settings/currencies/{id}")
	String currency(@PathVariable UUID id, Model model) {
		EntityRecord currency = records.retrieve(principal.get(), "transactioncurrency", id);
		Map<String, String> values = new HashMap<>();
		for (String f : FIELDS) {
			Object v = currency.get(f);
			values.put(f, v == null ? "" : v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString());
		}
		return currencyPage(model, currency, values, Map.of(), null);
	}

	@PostMapping("/app/settings/currencies/{id}")
	String save(@PathVariable UUID id, @RequestParam Map<String, String> form, Model model) {
		Principal who = principal.get();
		EntityRecord current = records.retrieve(who, "transactioncurrency", id);
		try {
			EntityRecord changes = new EntityRecord("transactioncurrency", id);
			for (String f : List.of("currencyname", "currencysymbol", "exchangerate", "currencyprecision")) {
				changes.set(f, value(f, form.get(f)));
			}
			changes.set("versionnumber", Long.parseLong(form.getOrDefault("versionnumber", "0")));
			records.update(who, changes);
			return "redirect:/app/settings/currencies?saved=" + id;
		} catch (NumberFormatException e) {
			throw RapportException.invalid("versionnumber", "reload the page and try again");
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			Map<String, String> values = new HashMap<>(form);
			values.put("isocurrencycode", current.getString("isocurrencycode"));
			return currencyPage(model, current, values, FormErrors.of(e), SettingsController.message(e));
		}
	}

	/** Deactivate or activate; a refusal (the base currency) is the error page with the pipeline's message. */
	@PostMapping("/app/settings/currencies/{id}/state")
	String state(@PathVariable UUID id, @RequestParam boolean active) {
		records.setState(principal.get(), new RecordRef("transactioncurrency", id), active ? 0 : 1, null);
		return "redirect:/app/settings/currencies/" + id + (active ? "?activated" : "?deactivated");
	}

	/** A typed value as the pipeline takes it: blank is null, numbers as text (metadata validation names a bad one). */
	private static Object value(String field, String raw) {
		String s = SettingsController.trimmed(raw);
		return s == null ? null : field.equals("exchangerate") ? s.replace(",", "") : s;
	}

	private String listPage(Model model, Map<String, String> values, Map<String, String> errors, String message) {
		List<CurrencyRow> rows = queries.execute(principal.get(), Query.of("transactioncurrency")
			.select("currencyname", "isocurrencycode", "currencysymbol", "exchangerate", "currencyprecision", "statecode")
			.orderBy(Order.asc("currencyname")).page(Query.MAX_PAGE_SIZE)).records().stream()
			.map(r -> new CurrencyRow(r.id(), r.getString("currencyname"), r.getString("isocurrencycode"),
					r.getString("currencysymbol"),
					r.get("exchangerate") instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : "",
					r.get("currencyprecision") instanceof Number n ? n.intValue() : null,
					!(r.get("statecode") instanceof Number s) || s.intValue() == 0, Currencies.BASE_CURRENCY_ID.equals(r.id())))
			.toList();
		model.addAttribute("currencies", rows);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/currencies";
	}

	private String currencyPage(Model model, EntityRecord currency, Map<String, String> values, Map<String, String> errors,
			String message) {
		model.addAttribute("currency", currency);
		model.addAttribute("base", Currencies.BASE_CURRENCY_ID.equals(currency.id()));
		model.addAttribute("active", !(currency.get("statecode") instanceof Number s) || s.intValue() == 0);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/currency";
	}
}
