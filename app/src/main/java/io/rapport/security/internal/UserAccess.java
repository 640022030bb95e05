package io.rapport.security.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rapport.security.Depth;
import io.rapport.security.Privilege;

/**
 * What one user may do, derived from their roles, their owner teams' roles and their field security profiles.
 *
 * @param teamIds        every team the user is a member of (records shared with or owned by them count)
 * @param teamUnits      team → its business unit, for every team in {@code teamIds}
 * @param privileges     entity → privilege → the deepest depth any role grants
 * @param fieldRights    "entity.attribute" → the rights ("read", "create", "update") the user's profiles grant
 */
record UserAccess(UUID userId, UUID businessUnitId, Set<UUID> teamIds, Map<UUID, UUID> teamUnits, boolean administrator,
		Map<String, Map<Privilege, Depth>> privileges, Map<String, Set<String>> fieldRights, boolean disabled) {

	Depth depth(String entity, Privilege privilege) {
		if (administrator) {
			return Depth.Organization;
		}
		Map<Privilege, Depth> byPrivilege = privileges.get(entity);
		return byPrivilege == null ? Depth.None : byPrivilege.getOrDefault(privilege, Depth.None);
	}

	boolean fieldAllowed(String entity, String attribute, String right) {
		return administrator || fieldRights.getOrDefault(entity + "." + attribute, Set.of()).contains(right);
	}
}
