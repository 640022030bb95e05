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

	private final io.rapport.query.Queries queries;
	private final io.rapport.security.BusinessUnits businessUnits;

	/** A row of the business-unit list. */
	record UnitRow(UUID id, String name, String parent, boolean root, boolean disabled) {
	}

	SettingsController(Records records, Choices choices, CurrentPrincipal principal, io.rapport.metadata.Metadata metadata,
			io.rapport.query.Queries queries, io.rapport.security.BusinessUnits businessUnits) {
		this.queries = queries;
		this.businessUnits = businessUnits;
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
	String businessUnits(@RequestParam org.springframework.util.MultiValueMap<String, String> params, Model model) {
		model.addAttribute("list", unitList(params));
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

	/**
	 * Disables or enables a unit through the security module (which refuses the root and the administrator's own
	 * unit, and records the change); the unit's users cannot sign in while it is disabled.
	 */
	@PostMapping("/app/settings/businessunits/{id}/disabled")
	String disableBusinessUnit(@PathVariable UUID id, @RequestParam boolean disabled) {
		businessUnits.setDisabled(principal.get(), id, disabled);
		return "redirect:/app/settings/businessunits/" + id + (disabled ? "?disabled" : "?enabled");
	}

	private io.rapport.web.SettingsList unitList(org.springframework.util.MultiValueMap<String, String> params) {
		return SettingsList.load(queries, principal.get(), "settings/businessunits", params, io.rapport.query.Query.of("businessunit")
			.select("name", "parentbusinessunitid", "isdisabled").orderBy(io.rapport.query.Order.asc("name")), List.of("name"));
	}

	private String businessUnitsPage(Model model, Map<String, String> values, Map<String, String> errors, String message) {
		List<Choices.Choice> units = choices.businessUnits(principal.get());
		if (!model.containsAttribute("list")) {
			model.addAttribute("list", unitList(SettingsList.firstPage()));
		}
		Map<UUID, String> names = new HashMap<>();
		units.forEach(u -> names.put(u.id(), u.name()));
		model.addAttribute("unitRows", ((SettingsList) model.getAttribute("list")).records().stream().map(r -> {
			RecordRef parent = r.get("parentbusinessunitid", RecordRef.class);
			return new UnitRow(r.id(), r.getString("name"), parent == null ? "" : names.getOrDefault(parent.id(), ""),
					Principal.ROOT_BUSINESS_UNIT_ID.equals(r.id()), Boolean.TRUE.equals(r.get("isdisabled")));
		}).toList());
		model.addAttribute("units", units);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/businessunits";
	}

	private String businessUnitPage(Model model, EntityRecord unit, Map<String, String> values, Map<String, String> errors,
			String message) {
		model.addAttribute("unit", unit);
		model.addAttribute("root", Principal.ROOT_BUSINESS_UNIT_ID.equals(unit.id()));
		model.addAttribute("disabled", Boolean.TRUE.equals(unit.get("isdisabled")));
		model.addAttribute("disabledAbove", !Boolean.TRUE.equals(unit.get("isdisabled")) && businessUnits.disabled(unit.id()));
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
