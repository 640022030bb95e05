package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.rapport.core.RapportException;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;

/**
 * Derives and caches each user's access (roles, teams, business unit, field profiles) and the business-unit tree.
 * Local changes to security entities clear the cache at once; other nodes' changes are seen within the time to live.
 */
@Component
class SecurityModel {

	static final UUID SYSTEM_ADMINISTRATOR_ROLE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

	/** Entities whose changes can change what someone may do. */
	private static final Set<String> SECURITY_ENTITIES = Set.of("systemuser", "team", "businessunit", "role",
			"teammembership", "systemuserroles", "teamroles", "fieldsecurityprofile", "fieldpermission",
			"systemuserprofiles", "teamprofiles");

	private record Cached<T>(T value, long loadedAt) {
	}

	private final DSLContext dsl;
	private final long ttlMillis;
	private final Map<UUID, Cached<UserAccess>> users = new ConcurrentHashMap<>();
	private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
	private volatile Cached<Map<UUID, Set<UUID>>> subtrees;
	private volatile Cached<Set<UUID>> disabledUnits;

	SecurityModel(DSLContext dsl, @Value("${rapport.security.cache-ms:5000}") long ttlMillis) {
		this.dsl = dsl;
		this.ttlMillis = ttlMillis;
	}

	void changed(String entity) {
		if (SECURITY_ENTITIES.contains(entity)) {
			generation.incrementAndGet();
			users.clear();
			subtrees = null;
			disabledUnits = null;
		}
	}

	/** Changes with every local change to users, teams, roles or memberships: what was derived before may be stale. */
	long generation() {
		return generation.get();
	}

	long ttlMillis() {
		return ttlMillis;
	}

	UserAccess user(UUID userId) {
		Cached<UserAccess> cached = users.get(userId);
		long now = System.currentTimeMillis();
		if (cached == null || now - cached.loadedAt() > ttlMillis) {
			cached = new Cached<>(load(userId), now);
			users.put(userId, cached);
		}
		return cached.value();
	}

	/** The business unit and every unit below it. */
	Set<UUID> subtree(UUID businessUnit) {
		return subtrees().value().getOrDefault(businessUnit, Set.of(businessUnit));
	}

	/** The business-unit tree in use: another object once it was loaded again. */
	Object subtreesVersion() {
		return subtrees();
	}

	private Cached<Map<UUID, Set<UUID>>> subtrees() {
		Cached<Map<UUID, Set<UUID>>> cached = subtrees;
		long now = System.currentTimeMillis();
		if (cached == null || now - cached.loadedAt() > ttlMillis) {
			cached = new Cached<>(loadSubtrees(), now);
			subtrees = cached;
		}
		return cached;
	}

	/** Whether the unit is disabled, or lies under a disabled unit (whose users cannot sign in). */
	boolean unitDisabled(UUID businessUnit) {
		Cached<Set<UUID>> cached = disabledUnits;
		long now = System.currentTimeMillis();
		if (cached == null || now - cached.loadedAt() > ttlMillis) {
			Set<UUID> disabled = new HashSet<>();
			for (UUID unit : dsl.select(field(name("businessunitid"), UUID.class)).from(table(name("businessunit")))
				.where(field(name("isdisabled"), Boolean.class).isTrue()).fetch(0, UUID.class)) {
				disabled.addAll(subtree(unit));
			}
			cached = new Cached<>(Set.copyOf(disabled), now);
			disabledUnits = cached;
		}
		return cached.value().contains(businessUnit);
	}

	private UserAccess load(UUID userId) {
		Record user = dsl.select(field(name("businessunitid"), UUID.class), field(name("isdisabled"), Boolean.class))
			.from(table(name("systemuser")))
			.where(field(name("systemuserid"), UUID.class).eq(userId))
			.fetchOne();
		if (user == null) {
			throw new RapportException(401, "Unauthorized", "The signed-in user no longer exists.");
		}
		Set<UUID> teams = new HashSet<>();
		Map<UUID, UUID> teamUnits = new HashMap<>();
		for (Record r : dsl.select(field(name("m", "teamid"), UUID.class), field(name("t", "businessunitid"), UUID.class))
			.from(table(name("teammembership")).as("m"))
			.join(table(name("team")).as("t"))
			.on(field(name("t", "teamid"), UUID.class).eq(field(name("m", "teamid"), UUID.class)))
			.where(field(name("m", "systemuserid"), UUID.class).eq(userId))
			.fetch()) {
			teams.add(r.get(0, UUID.class));
			if (r.get(1, UUID.class) != null) {
				teamUnits.put(r.get(0, UUID.class), r.get(1, UUID.class));
			}
		}
		List<UUID> roles = dsl.select(field(name("roleid"), UUID.class))
			.from(table(name("systemuserroles")))
			.where(field(name("systemuserid"), UUID.class).eq(userId))
			.union(select(field(name("r", "roleid"), UUID.class))
				.from(table(name("teamroles")).as("r"))
				.join(table(name("team")).as("t"))
				.on(field(name("t", "teamid"), UUID.class).eq(field(name("r", "teamid"), UUID.class)))
				.where(field(name("t", "teamid"), UUID.class).in(teams))
				.and(field(name("t", "teamtype"), Integer.class).eq(0)))
			.fetch(0, UUID.class);
		boolean administrator = roles.contains(SYSTEM_ADMINISTRATOR_ROLE);
		Map<String, Map<Privilege, Depth>> privileges = new HashMap<>();
		if (!roles.isEmpty()) {
			for (Record r : dsl.select(field(name("entity"), String.class), field(name("privilege"), String.class),
					field(name("depth"), String.class))
				.from(table(name("rapport_role_privilege")))
				.where(field(name("roleid"), UUID.class).in(roles))
				.fetch()) {
				privileges.computeIfAbsent(r.get(0, String.class), k -> new EnumMap<>(Privilege.class))
					.merge(Privilege.valueOf(r.get(1, String.class)), Depth.valueOf(r.get(2, String.class)), Depth::max);
			}
		}
		boolean unitDisabled = user.get(0, UUID.class) != null && unitDisabled(user.get(0, UUID.class));
		return new UserAccess(userId, user.get(0, UUID.class), Set.copyOf(teams), Map.copyOf(teamUnits), administrator, privileges,
				fieldRights(userId, teams), Boolean.TRUE.equals(user.get(1, Boolean.class)) || unitDisabled, unitDisabled);
	}

	private Map<String, Set<String>> fieldRights(UUID userId, Set<UUID> teams) {
		var profiles = dsl.select(field(name("fieldsecurityprofileid"), UUID.class))
			.from(table(name("systemuserprofiles")))
			.where(field(name("systemuserid"), UUID.class).eq(userId))
			.union(select(field(name("fieldsecurityprofileid"), UUID.class))
				.from(table(name("teamprofiles")))
				.where(field(name("teamid"), UUID.class).in(teams)))
			.fetch(0, UUID.class);
		Map<String, Set<String>> rights = new HashMap<>();
		if (profiles.isEmpty()) {
			return rights;
		}
		for (Record r : dsl.select(field(name("entityname"), String.class), field(name("attributelogicalname"), String.class),
				field(name("canread"), Integer.class), field(name("cancreate"), Integer.class), field(name("canupdate"), Integer.class))
			.from(table(name("fieldpermission")))
			.where(field(name("fieldsecurityprofileid"), UUID.class).in(profiles))
			.and(field(name("statecode"), Integer.class).eq(0))
			.fetch()) {
			Set<String> set = rights.computeIfAbsent(r.get(0, String.class) + "." + r.get(1, String.class), k -> new HashSet<>());
			if (Integer.valueOf(4).equals(r.get(2, Integer.class))) {
				set.add("read");
			}
			if (Integer.valueOf(4).equals(r.get(3, Integer.class))) {
				set.add("create");
			}
			if (Integer.valueOf(4).equals(r.get(4, Integer.class))) {
				set.add("update");
			}
		}
		return rights;
	}

	private Map<UUID, Set<UUID>> loadSubtrees() {
		Map<UUID, UUID> parents = new HashMap<>();
		for (Record r : dsl.select(field(name("businessunitid"), UUID.class), field(name("parentbusinessunitid"), UUID.class))
			.from(table(name("businessunit")))
			.fetch()) {
			parents.put(r.get(0, UUID.class), r.get(1, UUID.class));
		}
		Map<UUID, Set<UUID>> subtrees = new HashMap<>();
		for (UUID unit : parents.keySet()) {
			subtrees.computeIfAbsent(unit, k -> new HashSet<>()).add(unit);
			Set<UUID> seen = new HashSet<>();
			UUID parent = parents.get(unit);
			while (parent != null && seen.add(parent)) {
				subtrees.computeIfAbsent(parent, k -> new HashSet<>()).add(unit);
				parent = parents.get(parent);
			}
		}
		return subtrees;
	}
}
