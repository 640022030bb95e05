package io.rapport.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.Credentials;
import io.rapport.security.CurrentPrincipal;

/**
 * Users in Settings: the list, a new user (with business unit, password and roles), and a user's page to set the
 * password, give and take security roles, move them to another business unit and disable or enable them — each through
 * the same engine calls as the admin API.
 */
@Controller
class UserSettingsController {

	private static final String ROLES = "systemuserroles_association";

	private final Records records;
	private final Queries queries;
	private final Credentials credentials;
	private final Choices choices;
	private final CurrentPrincipal principal;
	private final TransactionTemplate transaction;

	UserSettingsController(Records records, Queries queries, Credentials credentials, Choices choices, CurrentPrincipal principal,
			PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
		this.records = records;
		this.queries = queries;
		this.credentials = credentials;
		this.choices = choices;
		this.principal = principal;
	}

	record UserRow(UUID id, String domainName, String fullName, String email, String businessUnit, boolean disabled) {
	}

	@GetMapping("/app/settings/users")
	String users(@RequestParam MultiValueMap<String, String> params, Model model) {
		model.addAttribute("list", list(params));
		return usersPage(model, Map.of("businessunitid", Principal.ROOT_BUSINESS_UNIT_ID.toString()), List.of(), Map.of(), null);
	}

	@PostMapping("/app/settings/users")
	String create(@RequestParam MultiValueMap<String, String> params, Model model) {
		Map<String, String> form = params.toSingleValueMap();
		List<UUID> roleIds = SettingsController.ids(params.get("roles"));
		Principal who = principal.get();
		try {
			UUID unit = Names.uuid(form.get("businessunitid"));
			String password = form.getOrDefault("password", "");
			List<RapportException.AttributeError> problems = new java.util.ArrayList<>();
			if (unit == null) {
				problems.add(new RapportException.AttributeError("businessunitid", "choose the user's business unit"));
			}
			if (password.length() < 8) {
				problems.add(new RapportException.AttributeError("password", "give the user a password of at least 8 characters"));
			}
			if (SettingsController.trimmed(form.get("domainname")) == null) {
				problems.add(new RapportException.AttributeError("domainname", "give the user a user name to sign in with"));
			}
			if (!problems.isEmpty()) {
				throw RapportException.invalid(problems);
			}
			String first = SettingsController.trimmed(form.get("firstname"));
			String last = SettingsController.trimmed(form.get("lastname"));
			String full = String.join(" ", java.util.stream.Stream.of(first, last).filter(java.util.Objects::nonNull).toList());
			EntityRecord user = new EntityRecord("systemuser").set("domainname", SettingsController.trimmed(form.get("domainname")))
				.set("firstname", first).set("lastname", last).set("fullname", full.isEmpty() ? null : full)
				.set("internalemailaddress", SettingsController.trimmed(form.get("internalemailaddress")))
				.set("businessunitid", new RecordRef("businessunit", unit));
			// the user, their password and their roles are created together or not at all
			UUID id = transaction.execute(status -> {
				UUID created = records.create(who, user);
				credentials.setPassword(who, created, password);
				if (!roleIds.isEmpty()) {
					records.associate(who, new RecordRef("systemuser", created), ROLES,
							roleIds.stream().map(r -> new RecordRef("role", r)).toList());
				}
				return created;
			});
			return "redirect:/app/settings/users/" + id + "?created";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			Map<String, String> values = new HashMap<>(form);
			values.remove("password");
			return usersPage(model, values, roleIds, FormErrors.of(e), e.getMessage());
		}
	}

	@GetMapping("/app/settings/users/{id}")
	String user(@PathVariable UUID id, Model model) {
		return userPage(model, id, Map.of(), null);
	}

	@PostMapping("/app/settings/users/{id}/password")
	String password(@PathVariable UUID id, @RequestParam(defaultValue = "") String password, Model model) {
		try {
			if (password.length() < 8) {
				throw RapportException.invalid("password", "a password needs at least 8 characters");
			}
			credentials.setPassword(principal.get(), id, password);
			return "redirect:/app/settings/users/" + id + "?password";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return userPage(model, id, Map.of("password", e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message()), null);
		}
	}

	@PostMapping("/app/settings/users/{id}/roles")
	String addRoles(@PathVariable UUID id, @RequestParam(name = "roles", required = false) List<String> roles, Model model) {
		List<UUID> ids = SettingsController.ids(roles);
		if (ids.isEmpty()) {
			return userPage(model, id, Map.of("roles", "choose at least one role"), null);
		}
		records.associate(principal.get(), new RecordRef("systemuser", id), ROLES, ids.stream().map(r -> new RecordRef("role", r)).toList());
		return "redirect:/app/settings/users/" + id + "?roles";
	}

	@PostMapping("/app/settings/users/{id}/roles/{roleId}/remove")
	String removeRole(@PathVariable UUID id, @PathVariable UUID roleId) {
		records.disassociate(principal.get(), new RecordRef("systemuser", id), ROLES, List.of(new RecordRef("role", roleId)));
		return "redirect:/app/settings/users/" + id + "?roles";
	}

	@PostMapping("/app/settings/users/{id}/businessunit")
	String move(@PathVariable UUID id, @RequestParam(defaultValue = "") String businessunitid, Model model) {
		UUID unit = Names.uuid(businessunitid);
		if (unit == null) {
			return userPage(model, id, Map.of("businessunitid", "choose a business unit"), null);
		}
		try {
			records.update(principal.get(), new EntityRecord("systemuser", id).set("businessunitid", new RecordRef("businessunit", unit)));
			return "redirect:/app/settings/users/" + id + "?moved";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return userPage(model, id, Map.of("businessunitid", e.getMessage()), null);
		}
	}

	@PostMapping("/app/settings/users/{id}/disabled")
	String disable(@PathVariable UUID id, @RequestParam boolean disabled) {
		if (disabled && id.equals(principal.get().userId())) {
			throw new RapportException(400, "CannotDisableSelf", "You cannot disable yourself: ask another administrator.");
		}
		records.update(principal.get(), new EntityRecord("systemuser", id).set("isdisabled", disabled));
		return "redirect:/app/settings/users/" + id + (disabled ? "?disabled" : "?enabled");
	}

	private String usersPage(Model model, Map<String, String> values, List<UUID> chosenRoles, Map<String, String> errors,
			String message) {
		Principal who = principal.get();
		List<Choices.Choice> units = choices.businessUnits(who);
		Map<UUID, String> unitNames = new HashMap<>();
		units.forEach(u -> unitNames.put(u.id(), u.name()));
		if (!model.containsAttribute("list")) {
			model.addAttribute("list", list(SettingsList.firstPage()));
		}
		List<UserRow> users = ((SettingsList) model.getAttribute("list")).records().stream()
			.map(r -> new UserRow(r.id(), r.getString("domainname"), r.getString("fullname"), r.getString("internalemailaddress"),
					unitName(unitNames, r.get("businessunitid", RecordRef.class)), Boolean.TRUE.equals(r.get("isdisabled"))))
			.toList();
		model.addAttribute("users", users);
		model.addAttribute("units", units);
		model.addAttribute("roles", choices.roles(who));
		model.addAttribute("chosenRoles", chosenRoles);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/users";
	}

	/** A page of users (not the SYSTEM user) by user name; quick find by user name, full name or e-mail. */
	private SettingsList list(MultiValueMap<String, String> params) {
		return SettingsList.load(queries, principal.get(), "settings/users", params, Query.of("systemuser")
			.select("domainname", "fullname", "internalemailaddress", "businessunitid", "isdisabled")
			.where(Criterion.where("systemuserid", Operator.Ne, Principal.SYSTEM_USER_ID))
			.orderBy(Order.asc("domainname")), List.of("domainname", "fullname", "internalemailaddress"));
	}

	private static String unitName(Map<UUID, String> names, RecordRef ref) {
		return ref == null ? "" : names.getOrDefault(ref.id(), "(a unit you cannot see)");
	}

	private String userPage(Model model, UUID id, Map<String, String> errors, String message) {
		Principal who = principal.get();
		EntityRecord user = records.retrieve(who, "systemuser", id);
		List<Choices.Choice> units = choices.businessUnits(who);
		List<Choices.Choice> roles = choices.roles(who);
		List<Choices.Choice> held = choices.related(who, new RecordRef("systemuser", id), ROLES, roles);
		RecordRef unit = user.get("businessunitid", RecordRef.class);
		model.addAttribute("person", user);
		model.addAttribute("name", user.getString("fullname") == null ? user.getString("domainname") : user.getString("fullname"));
		model.addAttribute("units", units);
		model.addAttribute("unitId", unit == null ? null : unit.id());
		model.addAttribute("heldRoles", held);
		model.addAttribute("otherRoles", roles.stream().filter(r -> !held.contains(r)).toList());
		model.addAttribute("teams", choices.related(who, new RecordRef("systemuser", id), "teammembership_association", choices.teams(who)));
		model.addAttribute("disabled", Boolean.TRUE.equals(user.get("isdisabled")));
		model.addAttribute("self", id.equals(who.userId()));
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/user";
	}
}
