package io.rapport.security;

import java.util.List;
import java.util.UUID;

import io.rapport.core.Principal;

/** The privileges of security roles: per entity and privilege, the depth the role grants. */
public interface SecurityRoles {

	/** The System Administrator role: every privilege on every entity, custom ones included. */
	UUID SYSTEM_ADMINISTRATOR = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

	List<Grant> privileges(UUID roleId);

	/** Replaces the role's privileges. Organization-owned entities take only None or Organization. */
	void setPrivileges(Principal by, UUID roleId, List<Grant> grants);

	/** What a principal may do, entity by entity (for "my privileges" and the UI). */
	List<Grant> effectivePrivileges(Principal principal);

	record Grant(String entity, Privilege privilege, Depth depth) {
	}
}
