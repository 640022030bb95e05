package io.rapport.api.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Metadata;
import io.rapport.security.Credentials;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;
import io.rapport.security.SecurityRoles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Administration of the organization's security: business units, users (with password and roles), teams (with
 * members and roles), security roles and their privileges, field security profiles. Every change goes through the
 * record pipeline, so it is validated, access-checked and audited like any other.
 */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Security administration", description = "Business units, users, teams, roles, field security")
class SecurityAdminController {

	private final Records records;
	private final Metadata metadata;
	private final Credentials credentials;
	private final SecurityRoles roles;
	private final CurrentPrincipal principal;

	private final io.rapport.security.BusinessUnits businessUnits;

	private final org.springframework.transaction.support.TransactionTemplate tx;

	SecurityAdminController(Records records, Metadata metadata, Credentials credentials, SecurityRoles roles,
			CurrentPrincipal principal, io.rapport.security.BusinessUnits businessUnits,
			org.springframework.transaction.support.TransactionTemplate tx) {
		this.tx = tx;
		this.businessUnits = businessUnits;
		this.records = records;
		this.metadata = metadata;
		this.credentials = credentials;
		this.roles = roles;
		this.principal = principal;
	}

	@PostMapping("/businessunits")
	@Operation(summary = "Create a business unit under a parent (the organization's root when none is given)")
	ResponseEntity<Map<String, Object>> createBusinessUnit(@RequestBody Map<String, Object> body) {
		Map<String, Object> values = new LinkedHashMap<>(body);
		RecordRef parent = businessUnit(values, "parentbusinessunitid");
		EntityRecord unit = RecordJson.read(metadata, metadata.entity("businessunit"), values, null);
		unit.set("parentbusinessunitid", parent);
		UUID id = records.create(principal.get(), unit);
		return created("businessunits", id);
	}

	@PostMapping("/businessunits/{id}/disabled")
	@Operation(summary = "Disable ({\"disabled\": true}) or enable a business unit: a disabled unit's users, and those of the units below it, cannot sign in; the root cannot be disabled")
	ResponseEntity<Void> setBusinessUnitDisabled(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
		if (!(body.get("disabled") instanceof Boolean disabled)) {
			throw RapportException.invalid("disabled", "is required: true or false");
		}
		businessUnits.setDisabled(principal.get(), id, disabled);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/users")
	@Operation(summary = "Create a user in a business unit, with a password and security roles")
	ResponseEntity<Map<String, Object>> createUser(@RequestBody Map<String, Object> body) {
		Map<String, Object> values = new LinkedHashMap<>(body);
		Object password = values.remove("password");
		List<UUID> roleIds = uuids("roles", values.remove("roles"));
		RecordRef unit = businessUnit(values, "businessunitid");
		Principal by = principal.get();
		EntityRecord user = RecordJson.read(metadata, metadata.entity("systemuser"), values, null);
		user.set("businessunitid", unit);
		if (!(password instanceof String p)) {
			throw RapportException.invalid("password", "is required");
		}
		// the user, the password and the roles together, or nothing: a refused password or an unknown role leaves no
		// half-made user behind
		UUID id = tx.execute(status -> {
			UUID created = records.create(by, user);
			credentials.setPassword(by, created, p);
			if (!roleIds.isEmpty()) {
				records.associate(by, new RecordRef("systemuser", created), "systemuserroles_association",
						roleIds.stream().map(r -> new RecordRef("role", r)).toList());
			}
			return created;
		});
		return created("systemusers", id);
	}

	@PostMapping("/users/{id}/password")
	@Operation(summary = "Set a user's password")
	ResponseEntity<Void> setPassword(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
		if (!(body.get("password") instanceof String p)) {
			throw RapportException.invalid("password", "is required");
		}
		credentials.setPassword(principal.get(), id, p);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/users/{id}/roles")
	@Operation(summary = "Give a user security roles")
	ResponseEntity<Void> addUserRoles(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
		relate(new RecordRef("systemuser", id), "systemuserroles_association", "role", uuids("roles", body.get("roles")), true);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/users/{id}/roles/{roleId}")
	@Operation(summary = "Take a security role from a user")
	ResponseEntity<Void> removeUserRole(@PathVariable UUID id, @PathVariable UUID roleId) {
		relate(new RecordRef("systemuser", id), "systemuserroles_association", "role", List.of(roleId), false);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/teams")
	@Operation(summary = "Create an owner team (teamtype 0) or an access team (teamtype 1), with members and roles")
	ResponseEntity<Map<String, Object>> createTeam(@RequestBody Map<String, Object> body) {
		Map<String, Object> values = new LinkedHashMap<>(body);
		List<UUID> members = uuids("members", values.remove("members"));
		List<UUID> roleIds = uuids("roles", values.remove("roles"));
		RecordRef unit = businessUnit(values, "businessunitid");
		Principal by = principal.get();
		EntityRecord team = RecordJson.read(metadata, metadata.entity("team"), values, null);
		team.set("businessunitid", unit);
		UUID id = records.create(by, team);
		if (!members.isEmpty()) {
			relate(new RecordRef("team", id), "teammembership_association", "systemuser", members, true);
		}
		if (!roleIds.isEmpty()) {
			relate(new RecordRef("team", id), "teamroles_association", "role", roleIds, true);
		}
		return created("teams", id);
	}

	@PostMapping("/teams/{id}/members")
	@Operation(summary = "Add users to a team")
	ResponseEntity<Void> addMembers(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
		relate(new RecordRef("team", id), "teammembership_association", "systemuser", uuids("members", body.get("members")), true);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/teams/{id}/members/{userId}")
	@Operation(summary = "Remove a user from a team")
	ResponseEntity<Void> removeMember(@PathVariable UUID id, @PathVariable UUID userId) {
		relate(new RecordRef("team", id), "teammembership_association", "systemuser", List.of(userId), false);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/teams/{id}/roles")
	@Operation(summary = "Give an owner team security roles (its members inherit them)")
	ResponseEntity<Void> addTeamRoles(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
		relate(new RecordRef("team", id), "teamroles_association", "role", uuids("roles", body.get("roles")), true);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/roles")
	@Operation(summary = "Create a security role with its privileges")
	ResponseEntity<Map<String, Object>> createRole(@RequestBody Map<String, Object> body) {
		Map<String, Object> values = new LinkedHashMap<>(body);
		List<SecurityRoles.Grant> grants = grants(values.remove("privileges"));
		Principal by = principal.get();
		EntityRecord role = RecordJson.read(metadata, metadata.entity("role"), values, null);
		role.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID));
		UUID id = records.create(by, role);
		roles.setPrivileges(by, id, grants);
		return created("roles", id);
	}

	@GetMapping("/roles/{id}/privileges")
	@Operation(summary = "The privileges of a role: entity, privilege, depth")
	List<SecurityRoles.Grant> privileges(@PathVariable UUID id) {
		return roles.privileges(id);
	}

	@PutMapping("/roles/{id}/privileges")
	@Operation(summary = "Replace the privileges of a role")
	List<SecurityRoles.Grant> setPrivileges(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
		roles.setPrivileges(principal.get(), id, grants(body.get("privileges")));
		return roles.privileges(id);
	}

	@PostMapping("/fieldsecurityprofiles/{id}/users")
	@Operation(summary = "Give users a field security profile")
	ResponseEntity<Void> addProfileUsers(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
		relate(new RecordRef("fieldsecurityprofile", id), "systemuserprofiles_association", "systemuser",
				uuids("users", body.get("users")), true);
		return ResponseEntity.noContent().build();
	}

	private void relate(RecordRef record, String relationship, String otherEntity, List<UUID> ids, boolean associate) {
		List<RecordRef> related = ids.stream().map(i -> new RecordRef(otherEntity, i)).toList();
		if (associate) {
			records.associate(principal.get(), record, relationship, related);
		} else {
			records.disassociate(principal.get(), record, relationship, related);
		}
	}

	private static ResponseEntity<Map<String, Object>> created(String set, UUID id) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id.toString());
		return ResponseEntity.created(URI.create("/api/data/v9.2/" + set + "(" + id + ")")).body(body);
	}

	/** The business unit a request names (by id) in the field, or the organization's root when it names none. */
	private static RecordRef businessUnit(Map<String, Object> values, String field) {
		Object id = values.remove(field);
		return new RecordRef("businessunit", id == null ? Principal.ROOT_BUSINESS_UNIT_ID : uuid(field, id));
	}

	private static UUID uuid(String field, Object value) {
		try {
			return UUID.fromString(String.valueOf(value));
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(field, "'" + value + "' is not a valid GUID");
		}
	}

	private static List<UUID> uuids(String field, Object value) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw RapportException.invalid(field, "expects a list of ids");
		}
		List<UUID> ids = new ArrayList<>();
		list.forEach(v -> ids.add(uuid(field, v)));
		return ids;
	}

	private static List<SecurityRoles.Grant> grants(Object value) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw RapportException.invalid("privileges", "expects a list of {entity, privilege, depth}");
		}
		List<SecurityRoles.Grant> grants = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof Map<?, ?> m)) {
				throw RapportException.invalid("privileges[" + i + "]", "expects {entity, privilege, depth}");
			}
			try {
				grants.add(new SecurityRoles.Grant(String.valueOf(m.get("entity")), Privilege.valueOf(String.valueOf(m.get("privilege"))),
						Depth.valueOf(String.valueOf(m.get("depth")))));
			} catch (IllegalArgumentException e) {
				throw RapportException.invalid("privileges[" + i + "]", "privilege is one of " + List.of(Privilege.values())
						+ " and depth one of " + List.of(Depth.values()));
			}
		}
		return grants;
	}
}
