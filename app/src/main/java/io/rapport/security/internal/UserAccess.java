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
 * @param disabled       the user may not sign in or act: they are disabled, or their business unit is
 * @param unitDisabled   their business unit (or one above it) is disabled
 */
record UserAccess(UUID userId, UUID businessUnitId, Set<UUID> teamIds, Map<UUID, UUID> teamUnits, boolean administrator,
		Map<String, Map<Privilege, Depth>> privileges, Map<String, Set<String>> fieldRights, boolean disabled,
		boolean unitDisabled) {

	/** Why the user is refused, in the words the sign-in page and error pages use. */
	String refusal() {
		return unitDisabled ? "Your business unit is disabled: ask an administrator." : "Your user is disabled: ask an administrator.";
	}

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
