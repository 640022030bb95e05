package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
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
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;

/**
 * Field security profiles in Settings: the list, a new profile, and per profile the read / create / update
 * permission on every secured field (Dataverse's fieldpermission rows: 4 allowed, 0 not) and its users and teams.
 */
@Controller
class FieldSecuritySettingsController {

	private static final String USERS = "systemuserprofiles_association";
	private static final String TEAMS = "teamprofiles_association";
	private static final int ALLOWED = 4;
	private static final List<String> RIGHTS = List.of("canread", "cancreate", "canupdate");

	private final Records records;
	private final Queries queries;
	private final Metadata metadata;
	private final Choices choices;
	private final CurrentPrincipal principal;

	FieldSecuritySettingsController(Records records, Queries queries, Metadata metadata, Choices choices, CurrentPrincipal principal) {
		this.records = records;
		this.queries = queries;
		this.metadata = metadata;
		this.choices = choices;
		this.principal = principal;
	}

	/** A secured field and what the profile allows on it. */
	record Permission(String key, String entity, String attribute, String label, boolean read, boolean create, boolean update) {
	}

	@GetMapping("/app/settings/fieldsecurity")
	String list(Model model) {
		return listPage(model, Map.of(), Map.of(), null);
	}

	@PostMapping("/app/settings/fieldsecurity")
	String create(@RequestParam Map<String, String> form, Model model) {
		try {
			UUID id = records.create(principal.get(), new EntityRecord("fieldsecurityprofile")
				.set("name", SettingsController.trimmed(form.get("name")))
				.set("description", SettingsController.trimmed(form.get("description"))));
			return "redirect:/app/settings/fieldsecurity/" + id + "?created";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return listPage(model, form, FormErrors.of(e),
					e.status() == 409 ? "A profile with that name exists already: choose another name." : e.getMessage());
		}
	}

	@GetMapping("/app/settings/fieldsecurity/{id}")
	String profile(@PathVariable UUID id, Model model) {
		return profilePage(model, id, Map.of());
	}

	@PostMapping("/app/settings/fieldsecurity/{id}/permissions")
	String permissions(@PathVariable UUID id, @RequestParam Map<String, String> form) {
		Principal who = principal.get();
		records.retrieve(who, "fieldsecurityprofile", id, "name");
		Map<String, EntityRecord> stored = stored(who, id);
		for (SecuredField secured : secured()) {
			String key = secured.key();
			EntityRecord existing = stored.get(key);
			EntityRecord values = new EntityRecord("fieldpermission", existing == null ? null : existing.id());
			boolean changed = existing == null;
			for (String right : RIGHTS) {
				int value = form.containsKey(right + "_" + key) ? ALLOWED : 0;
				values.set(right, value);
				changed |= existing != null && !Integer.valueOf(value).equals(existing.get(right, Integer.class));
			}
			if (existing == null) {
				records.create(who, values.set("fieldsecurityprofileid", new RecordRef("fieldsecurityprofile", id))
					.set("entityname", secured.entity().logicalName()).set("attributelogicalname", secured.attribute().logicalName()));
			} else if (changed) {
				records.update(who, values);
			}
		}
		return "redirect:/app/settings/fieldsecurity/" + id + "?saved";
	}

	@PostMapping("/app/settings/fieldsecurity/{id}/users")
	String addUsers(@PathVariable UUID id, @RequestParam(name = "users", required = false) List<String> users, Model model) {
		return relate(model, id, USERS, "systemuser", users, "users", "choose a user to add");
	}

	@PostMapping("/app/settings/fieldsecurity/{id}/users/{userId}/remove")
	String removeUser(@PathVariable UUID id, @PathVariable UUID userId) {
		records.disassociate(principal.get(), new RecordRef("fieldsecurityprofile", id), USERS, List.of(new RecordRef("systemuser", userId)));
		return "redirect:/app/settings/fieldsecurity/" + id + "?members";
	}

	@PostMapping("/app/settings/fieldsecurity/{id}/teams")
	String addTeams(@PathVariable UUID id, @RequestParam(name = "teams", required = false) List<String> teams, Model model) {
		return relate(model, id, TEAMS, "team", teams, "teams", "choose a team to add");
	}

	@PostMapping("/app/settings/fieldsecurity/{id}/teams/{teamId}/remove")
	String removeTeam(@PathVariable UUID id, @PathVariable UUID teamId) {
		records.disassociate(principal.get(), new RecordRef("fieldsecurityprofile", id), TEAMS, List.of(new RecordRef("team", teamId)));
		return "redirect:/app/settings/fieldsecurity/" + id + "?members";
	}

	private String relate(Model model, UUID id, String relationship, String entity, List<String> raw, String field, String missing) {
		List<UUID> ids = SettingsController.ids(raw);
		if (ids.isEmpty()) {
			return profilePage(model, id, Map.of(field, missing));
		}
		records.associate(principal.get(), new RecordRef("fieldsecurityprofile", id), relationship,
				ids.stream().map(i -> new RecordRef(entity, i)).toList());
		return "redirect:/app/settings/fieldsecurity/" + id + "?members";
	}

	/** A secured attribute of an entity. */
	private record SecuredField(EntityDefinition entity, AttributeDefinition attribute) {

		String key() {
			return entity.logicalName() + "." + attribute.logicalName();
		}
	}

	/** Every secured attribute, by entity then field name. */
	private List<SecuredField> secured() {
		List<SecuredField> list = new ArrayList<>();
		metadata.entities().stream().sorted(Comparator.comparing(EntityDefinition::displayCollectionName)).forEach(e -> e.attributes()
			.stream().filter(AttributeDefinition::secured).sorted(Comparator.comparing(AttributeDefinition::displayName))
			.forEach(a -> list.add(new SecuredField(e, a))));
		return list;
	}

	private Map<String, EntityRecord> stored(Principal who, UUID profile) {
		Map<String, EntityRecord> m = new HashMap<>();
		queries.execute(who, Query.of("fieldpermission").select("entityname", "attributelogicalname", "canread", "cancreate", "canupdate")
			.where(Criterion.where("fieldsecurityprofileid", Operator.Eq, profile)).page(Query.MAX_PAGE_SIZE)).records()
			.forEach(r -> m.put(r.getString("entityname") + "." + r.getString("attributelogicalname"), r));
		return m;
	}

	private String listPage(Model model, Map<String, String> values, Map<String, String> errors, String message) {
		model.addAttribute("profiles", queries.execute(principal.get(), Query.of("fieldsecurityprofile").select("name", "description")
			.orderBy(Order.asc("name")).page(Query.MAX_PAGE_SIZE)).records());
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/fieldsecurity";
	}

	private String profilePage(Model model, UUID id, Map<String, String> errors) {
		Principal who = principal.get();
		EntityRecord profile = records.retrieve(who, "fieldsecurityprofile", id);
		Map<String, EntityRecord> stored = stored(who, id);
		List<Permission> permissions = new ArrayList<>();
		for (SecuredField s : secured()) {
			EntityRecord p = stored.get(s.key());
			permissions.add(new Permission(s.key(), s.entity().logicalName(), s.attribute().logicalName(),
					s.entity().displayCollectionName() + ": " + s.attribute().displayName(),
					allowed(p, "canread"), allowed(p, "cancreate"), allowed(p, "canupdate")));
		}
		List<Choices.Choice> users = choices.users(who);
		List<Choices.Choice> teams = choices.teams(who);
		List<Choices.Choice> memberUsers = choices.related(who, profile.ref(), USERS, users);
		List<Choices.Choice> memberTeams = choices.related(who, profile.ref(), TEAMS, teams);
		model.addAttribute("profile", profile);
		model.addAttribute("permissions", permissions);
		model.addAttribute("memberUsers", memberUsers);
		model.addAttribute("otherUsers", users.stream().filter(u -> !memberUsers.contains(u)).toList());
		model.addAttribute("memberTeams", memberTeams);
		model.addAttribute("otherTeams", teams.stream().filter(t -> !memberTeams.contains(t)).toList());
		model.addAttribute("errors", errors);
		return "settings/fieldsecurityprofile";
	}

	private static boolean allowed(EntityRecord permission, String right) {
		return permission != null && Integer.valueOf(ALLOWED).equals(permission.get(right, Integer.class));
	}
}
