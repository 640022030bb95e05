package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.Ownership;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;
import io.rapport.security.SecurityRoles;

/**
 * Security roles in Settings: the list, a new role, and the privilege grid — one row per entity (custom ones
 * included, as metadata has them now), one depth per privilege — saved with {@link SecurityRoles#setPrivileges}, which
 * applies at once to every user holding the role.
 */
@Controller
class RoleSettingsController {

	static final Map<String, String> DEPTHS = new LinkedHashMap<>();

	static {
		DEPTHS.put("None", "None");
		DEPTHS.put("User", "User");
		DEPTHS.put("BusinessUnit", "Business Unit");
		DEPTHS.put("ParentChild", "Parent: Child Business Units");
		DEPTHS.put("Organization", "Organization");
	}

	private final Records records;
	private final Metadata metadata;
	private final SecurityRoles roles;
	private final Choices choices;
	private final CurrentPrincipal principal;

	private final io.rapport.query.Queries queries;

	RoleSettingsController(Records records, Metadata metadata, SecurityRoles roles, Choices choices, CurrentPrincipal principal,
			io.rapport.query.Queries queries) {
		this.queries = queries;
		this.records = records;
		this.metadata = metadata;
		this.roles = roles;
		this.choices = choices;
		this.principal = principal;
	}

	/** One row of the grid: an entity and the depth of each privilege, with the depths its ownership allows. */
	record GridRow(String entity, String label, boolean organizationOwned, Map<Privilege, Depth> depths, List<Depth> choices) {

		public Depth depth(Privilege p) {
			return depths.getOrDefault(p, Depth.None);
		}
	}

	@GetMapping("/app/settings/roles")
	String list(@RequestParam org.springframework.util.MultiValueMap<String, String> params, Model model) {
		model.addAttribute("list", list(params));
		return listPage(model, Map.of(), Map.of(), null);
	}

	@PostMapping("/app/settings/roles")
	String create(@RequestParam Map<String, String> form, Model model) {
		try {
			UUID id = records.create(principal.get(), new EntityRecord("role").set("name", SettingsController.trimmed(form.get("name")))
				.set("description", SettingsController.trimmed(form.get("description")))
				.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
			return "redirect:/app/settings/roles/" + id + "?created";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			Map<String, String> errors = FormErrors.of(e);
			return listPage(model, form, errors, errors.isEmpty() || e.status() == 409 ? uniqueName(e) : null);
		}
	}

	private static String uniqueName(RapportException e) {
		return e.status() == 409 ? "A role with that name exists already: choose another name." : e.getMessage();
	}

	@GetMapping("/app/settings/roles/{id}")
	String grid(@PathVariable UUID id, Model model) {
		EntityRecord role = records.retrieve(principal.get(), "role", id);
		Map<String, Map<Privilege, Depth>> held = new HashMap<>();
		for (SecurityRoles.Grant g : roles.privileges(id)) {
			held.computeIfAbsent(g.entity(), k -> new EnumMap<>(Privilege.class)).put(g.privilege(), g.depth());
		}
		return gridPage(model, role, held, Map.of(), null);
	}

	@PostMapping("/app/settings/roles/{id}")
	String save(@PathVariable UUID id, @RequestParam Map<String, String> form, Model model) {
		Principal who = principal.get();
		EntityRecord role = records.retrieve(who, "role", id);
		Map<String, Map<Privilege, Depth>> posted = new HashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		List<SecurityRoles.Grant> grants = new ArrayList<>();
		for (EntityDefinition e : entities()) {
			for (Privilege p : Privilege.values()) {
				String key = key(e.logicalName(), p);
				String raw = form.get(key);
				if (raw == null) {
					continue;
				}
				Depth d;
				try {
					d = Depth.valueOf(raw);
				} catch (IllegalArgumentException ex) {
					errors.put(key, "choose a depth from the list");
					continue;
				}
				posted.computeIfAbsent(e.logicalName(), k -> new EnumMap<>(Privilege.class)).put(p, d);
				if (!depths(e).contains(d)) {
					errors.put(key, e.displayCollectionName() + " belong to the organization: None or Organization");
				}
				grants.add(new SecurityRoles.Grant(e.logicalName(), p, d));
			}
		}
		try {
			if (!errors.isEmpty()) {
				throw new RapportException(400, "InvalidPrivileges", "Some depths cannot be saved; they are marked below.");
			}
			roles.setPrivileges(who, id, grants);
			return "redirect:/app/settings/roles/" + id + "?saved";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			return gridPage(model, role, posted, errors, e.getMessage());
		}
	}

	static String key(String entity, Privilege p) {
		return "d_" + entity + "_" + p.name();
	}

	private List<EntityDefinition> entities() {
		return metadata.entities().stream().sorted(Comparator.comparing(EntityDefinition::displayCollectionName)).toList();
	}

	private static List<Depth> depths(EntityDefinition e) {
		return e.ownership() == Ownership.OrganizationOwned ? List.of(Depth.None, Depth.Organization) : List.of(Depth.values());
	}

	private String listPage(Model model, Map<String, String> values, Map<String, String> errors, String message) {
		if (!model.containsAttribute("list")) {
			model.addAttribute("list", list(SettingsList.firstPage()));
		}
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/roles";
	}

	private SettingsList list(org.springframework.util.MultiValueMap<String, String> params) {
		return SettingsList.load(queries, principal.get(), "settings/roles", params,
				io.rapport.query.Query.of("role").select("name").orderBy(io.rapport.query.Order.asc("name")), List.of("name"));
	}

	private String gridPage(Model model, EntityRecord role, Map<String, Map<Privilege, Depth>> held, Map<String, String> errors,
			String message) {
		List<GridRow> rows = entities().stream().map(e -> new GridRow(e.logicalName(), e.displayCollectionName(),
				e.ownership() == Ownership.OrganizationOwned, held.getOrDefault(e.logicalName(), Map.of()), depths(e))).toList();
		model.addAttribute("role", role);
		model.addAttribute("rows", rows);
		model.addAttribute("privileges", Privilege.values());
		model.addAttribute("depthLabels", DEPTHS);
		model.addAttribute("readOnly", SecurityRoles.SYSTEM_ADMINISTRATOR.equals(role.id()));
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/role";
	}
}
