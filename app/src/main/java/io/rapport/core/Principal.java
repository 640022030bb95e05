package io.rapport.core;

import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: a user, the business unit they belong to and the teams they are a member of.
 * The system principal is explicit and used only by the platform itself (start-up, migrations, jobs acting for nobody).
 */
public record Principal(UUID userId, UUID businessUnitId, Set<UUID> teamIds, boolean isSystem) implements java.io.Serializable {

	/** The id of the built-in SYSTEM user that owns what the platform creates by itself. */
	public static final UUID SYSTEM_USER_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

	/** The id of the root business unit, which is the organization. */
	public static final UUID ROOT_BUSINESS_UNIT_ID = UUID.fromString("00000000-0000-0000-0000-000000000010");

	public Principal {
		teamIds = teamIds == null ? Set.of() : Set.copyOf(teamIds);
	}

	public static Principal systemPrincipal() {
		return new Principal(SYSTEM_USER_ID, ROOT_BUSINESS_UNIT_ID, Set.of(), true);
	}

	public static Principal user(UUID userId, UUID businessUnitId) {
		return new Principal(userId, businessUnitId, Set.of(), false);
	}
}
