package io.rapport.web;

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
import io.rapport.data.Records;
import io.rapport.security.CurrentPrincipal;

/**
 * The Settings area for administrators (the web security chain admits only them to {@code /app/settings/**}; the
 * record pipeline checks every change again): its home page and the business-unit tree.
 */
@Controller
class SettingsController {

	private final Records records;
	private final Choices choices;
	private final CurrentPrincipal principal;
	private final io.rapport.metadata.Metadata metadata;

	SettingsController(Records records, Choices choices, CurrentPrincipal principal, io.rapport.metadata.Metadata metadata) {
		this.metadata = metadata;
		this.records = records;
		this.choices = choices;
		this.principal = principal;
	}

	@GetMapping("/app/settings")
	String home(Model model) {
		model.addAttribute("entities", CustomizationSettingsController.customizable(metadata));
		return "settings/home";
	}

	@GetMapping("/app/settings/businessunits")
	String businessUnits(Model model) {
		return businessUnitsPage(model, Map.of("parentbusinessunitid", Principal.ROOT_BUSINESS_UNIT_ID.toString()), Map.of(), null);
	}

	@PostMapping("/app/settings/businessunits")
	String createBusinessUnit(@RequestParam Map<String, String> form, Model model) {
		try {
			UUID parent = Names.uuid(form.get("parentbusinessunitid"));
			if (parent == null) {
				throw RapportException.invalid("parentbusinessunitid", "choose the business unit the new one belongs to");
			}
			UUID id = records.create(principal.get(), new EntityRecord("businessunit").set("name", trimmed(form.get("name")))
				.set("parentbusinessunitid", new RecordRef("businessunit", parent)));
			return "redirect:/app/settings/businessunits?created=" + id;
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return businessUnitsPage(model, form, FormErrors.of(e), e.getMessage());
		}
	}

	@GetMapping("/app/settings/businessunits/{id}")
	String businessUnit(@PathVariable UUID id, Model model) {
		EntityRecord unit = records.retrieve(principal.get(), "businessunit", id);
		Map<String, String> values = new HashMap<>();
		values.put("name", unit.getString("name"));
		values.put("description", unit.getString("description"));
		return businessUnitPage(model, unit, values, Map.of(), null);
	}

	@PostMapping("/app/settings/businessunits/{id}")
	String renameBusinessUnit(@PathVariable UUID id, @RequestParam Map<String, String> form, Model model) {
		Principal who = principal.get();
		EntityRecord unit = records.retrieve(who, "businessunit", id);
		try {
			records.update(who, new EntityRecord("businessunit", id).set("name", trimmed(form.get("name")))
				.set("description", trimmed(form.get("description")))
				.set("versionnumber", Long.parseLong(form.getOrDefault("versionnumber", "0"))));
			return "redirect:/app/settings/businessunits?saved=" + id;
		} catch (NumberFormatException e) {
			throw RapportException.invalid("versionnumber", "reload the page and try again");
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return businessUnitPage(model, unit, form, FormErrors.of(e), message(e));
		}
	}

	private String businessUnitsPage(Model model, Map<String, String> values, Map<String, String> errors, String message) {
		model.addAttribute("units", choices.businessUnits(principal.get()));
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/businessunits";
	}

	private String businessUnitPage(Model model, EntityRecord unit, Map<String, String> values, Map<String, String> errors,
			String message) {
		model.addAttribute("unit", unit);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/businessunit";
	}

	static String message(RapportException e) {
		return e.code().equals("ConcurrencyVersionMismatch")
				? "Someone else changed this after you opened it. Reload the page to see the current values, then make your change again."
				: e.getMessage();
	}

	static String trimmed(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	static List<UUID> ids(List<String> raw) {
		return raw == null ? List.of() : raw.stream().map(Names::uuid).filter(java.util.Objects::nonNull).toList();
	}
}
