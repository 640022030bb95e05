package io.rapport.security.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Ownership;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;

/**
 * The default security roles of a new organization. Business entities (user-owned) get the depths below; the
 * organization-owned ones (users, teams, business units, roles…) are readable by every role, changeable by none but
 * the System Administrator, who holds every privilege on every entity, custom ones included.
 */
final class SeedRoles {

	record Role(UUID id, String name, String description, Map<Privilege, Depth> business, Depth readOrganizationOwned) {
	}

	static final Map<String, Role> ROLES = new LinkedHashMap<>();

	static {
		add(new Role(SecurityModel.SYSTEM_ADMINISTRATOR_ROLE, "System Administrator",
				"Every privilege on every entity, and the settings.", all(Depth.Organization), Depth.Organization));
		add(new Role(id(2), "Sales Manager", "Manages the sales of their business unit and the units below it.",
				all(Depth.ParentChild), Depth.Organization));
		add(new Role(id(3), "Salesperson", "Works their own accounts and contacts; sees those of their business unit.",
				depths(Depth.User, Depth.BusinessUnit, Depth.BusinessUnit), Depth.Organization));
		add(new Role(id(4), "Customer Service Representative", "Serves the customers of their business unit.",
				depths(Depth.User, Depth.BusinessUnit, Depth.BusinessUnit), Depth.Organization));
		add(new Role(id(5), "Marketing Professional", "Sees every customer; changes what they own.",
				depths(Depth.User, Depth.Organization, Depth.Organization), Depth.Organization));
		Map<Privilege, Depth> read = new EnumMap<>(Privilege.class);
		read.put(Privilege.Read, Depth.Organization);
		add(new Role(id(6), "Read-Only", "Reads everything, changes nothing.", read, Depth.Organization));
	}

	private SeedRoles() {
	}

	private static void add(Role role) {
		ROLES.put(role.name(), role);
	}

	static UUID id(int n) {
		return UUID.fromString(String.format("00000000-0000-0000-0000-0000000000a%d", n));
	}

	private static Map<Privilege, Depth> all(Depth depth) {
		Map<Privilege, Depth> map = new EnumMap<>(Privilege.class);
		for (Privilege p : Privilege.values()) {
			map.put(p, depth);
		}
		return map;
	}

	/** Own-record privileges at {@code own}, Read at {@code read}, Append To at {@code appendTo}. */
	private static Map<Privilege, Depth> depths(Depth own, Depth read, Depth appendTo) {
		Map<Privilege, Depth> map = new EnumMap<>(Privilege.class);
		for (Privilege p : Privilege.values()) {
			map.put(p, own);
		}
		map.put(Privilege.Read, read);
		map.put(Privilege.AppendTo, appendTo);
		return map;
	}

	/** The privileges a seeded role holds on one entity. */
	static Map<Privilege, Depth> privileges(Role role, EntityDefinition entity) {
		if (entity.ownership() == Ownership.UserOwned) {
			if (entity.logicalName().equals("asyncoperation") && !role.id().equals(SecurityModel.SYSTEM_ADMINISTRATOR_ROLE)) {
				Map<Privilege, Depth> jobs = new EnumMap<>(Privilege.class);
				jobs.put(Privilege.Create, Depth.User);
				jobs.put(Privilege.Read, Depth.User);
				jobs.put(Privilege.Write, Depth.User);
				return jobs;
			}
			return role.business();
		}
		Map<Privilege, Depth> map = new EnumMap<>(Privilege.class);
		if (role.readOrganizationOwned() != Depth.None) {
			map.put(Privilege.Read, Depth.Organization);
			map.put(Privilege.AppendTo, Depth.Organization);
		}
		if (role.id().equals(SecurityModel.SYSTEM_ADMINISTRATOR_ROLE)) {
			return all(Depth.Organization);
		}
		return map;
	}
}
