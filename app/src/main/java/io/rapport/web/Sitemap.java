package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;
import io.rapport.security.SecurityRoles;

/**
 * The navigation: areas (Sales, Service, Marketing, Activities, Settings) with the entities the user may read, built
 * from metadata on every request, so an entity added at runtime — custom ones included — shows up at once. An area
 * with no entity the user may read is left out rather than shown empty.
 */
@Component
class Sitemap {

	/** Where the known entities live; custom entities get an area of their own. */
	private static final Map<String, String> AREAS = new LinkedHashMap<>();

	static {
		List.of("account", "contact", "connection").forEach(e -> AREAS.put(e, "Sales"));
		List.of("incident", "contract").forEach(e -> AREAS.put(e, "Service"));
		List.of("list", "campaign").forEach(e -> AREAS.put(e, "Marketing"));
		List.of("phonecall", "task", "appointment", "email", "letter", "fax", "annotation").forEach(e -> AREAS.put(e, "Activities"));
		List.of("systemuser", "team", "businessunit", "role", "connectionrole", "duplicaterule", "asyncoperation")
			.forEach(e -> AREAS.put(e, "Settings"));
	}

	static final List<String> ORDER = List.of("Sales", "Service", "Marketing", "Activities", "Custom", "Settings");

	/** Entities the UI never lists on their own: they are shown inside other pages. */
	private static final Set<String> HIDDEN = Set.of("activityparty", "duplicaterecord", "duplicaterulecondition",
			"fieldpermission", "fieldsecurityprofile", "userquery", "savedquery", "systemform");

	private final Metadata metadata;
	private final SecurityRoles roles;

	Sitemap(Metadata metadata, SecurityRoles roles) {
		this.metadata = metadata;
		this.roles = roles;
	}

	record Area(String name, List<EntityDefinition> entities) {
	}

	List<Area> areas(Principal principal) {
		Set<String> readable = readable(principal);
		Map<String, List<EntityDefinition>> byArea = new LinkedHashMap<>();
		ORDER.forEach(a -> byArea.put(a, new ArrayList<>()));
		for (EntityDefinition e : metadata.entities()) {
			if (HIDDEN.contains(e.logicalName()) || !readable.contains(e.logicalName())) {
				continue;
			}
			byArea.get(area(e)).add(e);
		}
		List<Area> areas = new ArrayList<>();
		byArea.forEach((name, list) -> {
			if (!list.isEmpty()) {
				list.sort(Comparator.comparing(e -> order(e)));
				areas.add(new Area(name, list));
			}
		});
		return areas;
	}

	static String area(EntityDefinition e) {
		return e.custom() ? "Custom" : AREAS.getOrDefault(e.logicalName(), "Settings");
	}

	private static String order(EntityDefinition e) {
		List<String> known = new ArrayList<>(AREAS.keySet());
		int i = known.indexOf(e.logicalName());
		return (i < 0 ? "zz" : String.format("%02d", i)) + e.displayCollectionName();
	}

	Set<String> readable(Principal principal) {
		return privileged(principal, Privilege.Read);
	}

	Set<String> privileged(Principal principal, Privilege privilege) {
		if (principal.isSystem()) {
			return Set.copyOf(metadata.entities().stream().map(EntityDefinition::logicalName).toList());
		}
		return Set.copyOf(roles.effectivePrivileges(principal).stream()
			.filter(g -> g.privilege() == privilege && g.depth() != Depth.None)
			.map(SecurityRoles.Grant::entity)
			.distinct()
			.toList());
	}
}
