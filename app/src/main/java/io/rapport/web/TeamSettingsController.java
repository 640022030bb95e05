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
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;

/** Teams in Settings: the list, a new owner or access team, and a team's members and security roles. */
@Controller
class TeamSettingsController {

	private static final String MEMBERS = "teammembership_association";
	private static final String ROLES = "teamroles_association";

	private final Records records;
	private final Queries queries;
	private final Choices choices;
	private final CurrentPrincipal principal;

	TeamSettingsController(Records records, Queries queries, Choices choices, CurrentPrincipal principal) {
		this.records = records;
		this.queries = queries;
		this.choices = choices;
		this.principal = principal;
	}

	record TeamRow(UUID id, String name, String type, String businessUnit) {
	}

	@GetMapping("/app/settings/teams")
	String teams(@RequestParam org.springframework.util.MultiValueMap<String, String> params, Model model) {
		model.addAttribute("list", SettingsList.load(queries, principal.get(), "settings/teams", params, query(), List.of("name")));
		return teamsPage(model, Map.of("businessunitid", Principal.ROOT_BUSINESS_UNIT_ID.toString(), "teamtype", "0"), Map.of(), null);
	}

	@PostMapping("/app/settings/teams")
	String create(@RequestParam Map<String, String> form, Model model) {
		try {
			UUID unit = Names.uuid(form.get("businessunitid"));
			if (unit == null) {
				throw RapportException.invalid("businessunitid", "choose the team's business unit");
			}
			int type = "1".equals(form.get("teamtype")) ? 1 : 0;
			UUID id = records.create(principal.get(), new EntityRecord("team").set("name", SettingsController.trimmed(form.get("name")))
				.set("teamtype", type).set("businessunitid", new RecordRef("businessunit", unit)));
			return "redirect:/app/settings/teams/" + id + "?created";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return teamsPage(model, form, FormErrors.of(e), e.getMessage());
		}
	}

	@GetMapping("/app/settings/teams/{id}")
	String team(@PathVariable UUID id, Model model) {
		return teamPage(model, id, Map.of());
	}

	@PostMapping("/app/settings/teams/{id}/members")
	String addMembers(@PathVariable UUID id, @RequestParam(name = "members", required = false) List<String> members, Model model) {
		return relate(model, id, MEMBERS, "systemuser", members, "members", "choose a user to add");
	}

	@PostMapping("/app/settings/teams/{id}/members/{userId}/remove")
	String removeMember(@PathVariable UUID id, @PathVariable UUID userId) {
		records.disassociate(principal.get(), new RecordRef("team", id), MEMBERS, List.of(new RecordRef("systemuser", userId)));
		return "redirect:/app/settings/teams/" + id + "?members";
	}

	@PostMapping("/app/settings/teams/{id}/roles")
	String addRoles(@PathVariable UUID id, @RequestParam(name = "roles", required = false) List<String> roles, Model model) {
		return relate(model, id, ROLES, "role", roles, "roles", "choose a role to give");
	}

	@PostMapping("/app/settings/teams/{id}/roles/{roleId}/remove")
	String removeRole(@PathVariable UUID id, @PathVariable UUID roleId) {
		records.disassociate(principal.get(), new RecordRef("team", id), ROLES, List.of(new RecordRef("role", roleId)));
		return "redirect:/app/settings/teams/" + id + "?roles";
	}

	private String relate(Model model, UUID id, String relationship, String entity, List<String> raw, String field, String missing) {
		List<UUID> ids = SettingsController.ids(raw);
		if (ids.isEmpty()) {
			return teamPage(model, id, Map.of(field, missing));
		}
		records.associate(principal.get(), new RecordRef("team", id), relationship, ids.stream().map(i -> new RecordRef(entity, i)).toList());
		return "redirect:/app/settings/teams/" + id + "?" + field;
	}

	private String teamsPage(Model model, Map<String, String> values, Map<String, String> errors, String message) {
		Principal who = principal.get();
		List<Choices.Choice> units = choices.businessUnits(who);
		Map<UUID, String> unitNames = new HashMap<>();
		units.forEach(u -> unitNames.put(u.id(), u.name()));
		if (!model.containsAttribute("list")) {
			model.addAttribute("list", SettingsList.load(queries, who, "settings/teams", SettingsList.firstPage(), query(), List.of("name")));
		}
		List<TeamRow> teams = ((SettingsList) model.getAttribute("list")).records().stream()
			.map(r -> {
				RecordRef unit = r.get("businessunitid", RecordRef.class);
				return new TeamRow(r.id(), r.getString("name"), type(r), unit == null ? "" : unitNames.getOrDefault(unit.id(), ""));
			})
			.toList();
		model.addAttribute("teams", teams);
		model.addAttribute("units", units);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/teams";
	}

	private static Query query() {
		return Query.of("team").select("name", "teamtype", "businessunitid").orderBy(Order.asc("name"));
	}

	private static String type(EntityRecord team) {
		return team.get("teamtype") instanceof Number n && n.intValue() == 1 ? "Access" : "Owner";
	}

	private String teamPage(Model model, UUID id, Map<String, String> errors) {
		Principal who = principal.get();
		EntityRecord team = records.retrieve(who, "team", id);
		List<Choices.Choice> users = choices.users(who);
		List<Choices.Choice> roles = choices.roles(who);
		List<Choices.Choice> members = choices.related(who, team.ref(), MEMBERS, users);
		List<Choices.Choice> held = choices.related(who, team.ref(), ROLES, roles);
		model.addAttribute("team", team);
		model.addAttribute("type", type(team));
		model.addAttribute("members", members);
		model.addAttribute("otherUsers", users.stream().filter(u -> !members.contains(u)).toList());
		model.addAttribute("heldRoles", held);
		model.addAttribute("otherRoles", roles.stream().filter(r -> !held.contains(r)).toList());
		model.addAttribute("errors", errors);
		return "settings/team";
	}
}
