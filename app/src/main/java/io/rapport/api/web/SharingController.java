package io.rapport.api.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Metadata;
import io.rapport.security.AccessRight;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.SecurityRoles;
import io.rapport.security.Sharing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sharing and assigning one record, and seeing who has access to it and why. */
@RestController
@RequestMapping("/api/security")
@Tag(name = "Sharing", description = "Share, assign, and who has access")
class SharingController {

	private final Sharing sharing;
	private final Records records;
	private final Metadata metadata;
	private final SecurityRoles roles;
	private final CurrentPrincipal principal;

	SharingController(Sharing sharing, Records records, Metadata metadata, SecurityRoles roles, CurrentPrincipal principal) {
		this.sharing = sharing;
		this.records = records;
		this.metadata = metadata;
		this.roles = roles;
		this.principal = principal;
	}

	@GetMapping("/me/privileges")
	@Operation(summary = "The signed-in user's privileges, entity by entity, with their depth")
	List<SecurityRoles.Grant> myPrivileges() {
		return roles.effectivePrivileges(principal.get());
	}

	@GetMapping("/records/{entity}/{id}/shares")
	@Operation(summary = "Who the record is shared with, and which rights")
	List<Sharing.Share> shares(@PathVariable String entity, @PathVariable UUID id) {
		return sharing.shares(principal.get(), record(entity, id));
	}

	@PostMapping("/records/{entity}/{id}/shares")
	@Operation(summary = "Share the record with a user or team (GrantAccess): {\"principal\":{\"entity\":\"systemuser\",\"id\":…},\"rights\":[\"Read\",\"Write\"]}")
	ResponseEntity<Void> grant(@PathVariable String entity, @PathVariable UUID id, @RequestBody Map<String, Object> body) {
		sharing.grant(principal.get(), record(entity, id), grantee(body.get("principal")), rights(body.get("rights")));
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/records/{entity}/{id}/shares/{granteeEntity}/{granteeId}")
	@Operation(summary = "Replace the rights shared with a user or team (ModifyAccess)")
	ResponseEntity<Void> modify(@PathVariable String entity, @PathVariable UUID id, @PathVariable String granteeEntity,
			@PathVariable UUID granteeId, @RequestBody Map<String, Object> body) {
		sharing.modify(principal.get(), record(entity, id), new RecordRef(granteeEntity, granteeId), rights(body.get("rights")));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/records/{entity}/{id}/shares/{granteeEntity}/{granteeId}")
	@Operation(summary = "Stop sharing the record with a user or team (RevokeAccess)")
	ResponseEntity<Void> revoke(@PathVariable String entity, @PathVariable UUID id, @PathVariable String granteeEntity,
			@PathVariable UUID granteeId) {
		sharing.revoke(principal.get(), record(entity, id), new RecordRef(granteeEntity, granteeId));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/records/{entity}/{id}/assign")
	@Operation(summary = "Assign the record to a user or owner team: {\"owner\":{\"entity\":\"systemuser\",\"id\":…}}")
	ResponseEntity<Void> assign(@PathVariable String entity, @PathVariable UUID id, @RequestBody Map<String, Object> body) {
		records.assign(principal.get(), record(entity, id), grantee(body.get("owner")));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/records/{entity}/{id}/access")
	@Operation(summary = "Every user who may do something with the record, with their rights and the reasons")
	List<Sharing.Access> access(@PathVariable String entity, @PathVariable UUID id) {
		return sharing.whoHasAccess(principal.get(), record(entity, id));
	}

	private RecordRef record(String entity, UUID id) {
		metadata.entity(entity);
		return new RecordRef(entity, id);
	}

	private static RecordRef grantee(Object value) {
		if (!(value instanceof Map<?, ?> m) || !(m.get("entity") instanceof String entity) || m.get("id") == null) {
			throw RapportException.invalid("principal", "expects {\"entity\": \"systemuser\" or \"team\", \"id\": <guid>}");
		}
		try {
			return new RecordRef(entity, UUID.fromString(m.get("id").toString()));
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid("principal.id", "'" + m.get("id") + "' is not a valid GUID");
		}
	}

	private static Set<AccessRight> rights(Object value) {
		if (!(value instanceof List<?> list) || list.isEmpty()) {
			throw RapportException.invalid("rights", "expects a non-empty list of " + List.of(AccessRight.values()));
		}
		Set<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
		for (Object o : list) {
			try {
				rights.add(AccessRight.valueOf(String.valueOf(o)));
			} catch (IllegalArgumentException e) {
				throw RapportException.invalid("rights", "'" + o + "' is not one of " + List.of(AccessRight.values()));
			}
		}
		return rights;
	}
}
