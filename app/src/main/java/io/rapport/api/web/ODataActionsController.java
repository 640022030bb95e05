package io.rapport.api.web;

import static io.rapport.api.web.ODataParameters.object;
import static io.rapport.api.web.ODataParameters.reference;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.api.web.ODataOperationCatalog.Operation;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.MergeRequest;
import io.rapport.customers.Merges;
import io.rapport.data.Records;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.AccessRight;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Sharing;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Dataverse's unbound actions for the engine's business operations, at {@code POST /api/data/v9.2/<Action>}: Merge,
 * GrantAccess, ModifyAccess, RevokeAccess, Assign and SetState. Each calls the same engine operation as the
 * corresponding REST endpoint, as the caller, with the same access checks.
 */
@RestController
class ODataActionsController {

	private static final String[] PRINCIPALS = { "systemuser", "team" };

	private final Merges merges;
	private final Sharing sharing;
	private final Records records;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	ODataActionsController(Merges merges, Sharing sharing, Records records, Metadata metadata, CurrentPrincipal principal) {
		this.merges = merges;
		this.sharing = sharing;
		this.records = records;
		this.metadata = metadata;
		this.principal = principal;
	}

	@PostMapping("/api/data/v9.2/Merge")
	ResponseEntity<Void> merge(@RequestBody Map<String, Object> body) {
		parameters(ODataOperationCatalog.MERGE, body);
		RecordRef target = reference(metadata, "Target", body.get("Target"));
		RecordRef subordinate = reference(metadata, "Subordinate", body.get("Subordinate"), target.entity());
		if (!(body.get("PerformParentingChecks") instanceof Boolean)) {
			throw RapportException.invalid("PerformParentingChecks", "expects true or false");
		}
		Map<String, Object> content = object("UpdateContent", body.get("UpdateContent"));
		EntityDefinition entity = metadata.entity(target.entity());
		if (content.get("@odata.type") != null
				&& !ODataParameters.entityOf(metadata, "UpdateContent", content).logicalName().equals(entity.logicalName())) {
			throw RapportException.invalid("UpdateContent", "must be a " + entity.logicalName() + ", as the Target is");
		}
		Map<String, Object> values = ODataParameters.values(content);
		values.remove(entity.primaryIdAttribute());
		merges.merge(principal.get(), new MergeRequest(target, subordinate,
				RecordJson.read(metadata, entity, values, null).values(), Set.of()));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/data/v9.2/GrantAccess")
	ResponseEntity<Void> grantAccess(@RequestBody Map<String, Object> body) {
		parameters(ODataOperationCatalog.GRANT_ACCESS, body);
		PrincipalAccess access = principalAccess(body.get("PrincipalAccess"));
		sharing.grant(principal.get(), reference(metadata, "Target", body.get("Target")), access.principal(), access.rights());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/data/v9.2/ModifyAccess")
	ResponseEntity<Void> modifyAccess(@RequestBody Map<String, Object> body) {
		parameters(ODataOperationCatalog.MODIFY_ACCESS, body);
		PrincipalAccess access = principalAccess(body.get("PrincipalAccess"));
		sharing.modify(principal.get(), reference(metadata, "Target", body.get("Target")), access.principal(), access.rights());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/data/v9.2/RevokeAccess")
	ResponseEntity<Void> revokeAccess(@RequestBody Map<String, Object> body) {
		parameters(ODataOperationCatalog.REVOKE_ACCESS, body);
		sharing.revoke(principal.get(), reference(metadata, "Target", body.get("Target")),
				reference(metadata, "Revokee", body.get("Revokee"), PRINCIPALS));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/data/v9.2/Assign")
	ResponseEntity<Void> assign(@RequestBody Map<String, Object> body) {
		parameters(ODataOperationCatalog.ASSIGN, body);
		records.assign(principal.get(), reference(metadata, "Target", body.get("Target")),
				reference(metadata, "Assignee", body.get("Assignee"), PRINCIPALS));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/data/v9.2/SetState")
	ResponseEntity<Void> setState(@RequestBody Map<String, Object> body) {
		parameters(ODataOperationCatalog.SET_STATE, body);
		int state = ODataParameters.integer("State", body.get("State"));
		Integer status = body.get("Status") == null ? null : ODataParameters.integer("Status", body.get("Status"));
		// Dataverse's SetState takes Status -1 for "the state's default status".
		records.setState(principal.get(), reference(metadata, "EntityMoniker", body.get("EntityMoniker")), state,
				status != null && status == -1 ? null : status);
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(value = { "/api/data/v9.2/Merge", "/api/data/v9.2/GrantAccess", "/api/data/v9.2/ModifyAccess",
			"/api/data/v9.2/RevokeAccess", "/api/data/v9.2/Assign", "/api/data/v9.2/SetState" },
			method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE })
	ResponseEntity<Object> actionsArePosted(HttpServletRequest request) {
		return methodNotAllowed(request, "POST", "An action is invoked with POST.");
	}

	static ResponseEntity<Object> methodNotAllowed(HttpServletRequest request, String allowed, String message) {
		ResponseEntity<Object> error = ApiErrors.respond(request, 405, "MethodNotAllowed", message, List.of());
		return ResponseEntity.status(405).headers(error.getHeaders()).header("Allow", allowed).body(error.getBody());
	}

	private static void parameters(Operation operation, Map<String, Object> body) {
		if (body == null) {
			throw new RapportException(400, "InvalidJson", operation.name() + " needs a JSON object of its parameters.");
		}
		operation.check(ODataOperationCatalog.names(body));
	}

	record PrincipalAccess(RecordRef principal, Set<AccessRight> rights) {
	}

	private PrincipalAccess principalAccess(Object value) {
		Map<String, Object> access = object("PrincipalAccess", value);
		RecordRef grantee = reference(metadata, "PrincipalAccess.Principal", access.get("Principal"), PRINCIPALS);
		return new PrincipalAccess(grantee, AccessMask.parse("PrincipalAccess.AccessMask", access.get("AccessMask")));
	}

	/** Dataverse's AccessRights flags as text ("ReadAccess, WriteAccess") or as their number. */
	static final class AccessMask {

		private AccessMask() {
		}

		static Set<AccessRight> parse(String parameter, Object value) {
			if (value instanceof Number n) {
				Set<AccessRight> rights = AccessRight.of(n.intValue());
				if (rights.isEmpty() || AccessRight.mask(rights) != n.intValue()) {
					throw RapportException.invalid(parameter, n + " is not a mask of " + names());
				}
				return rights;
			}
			if (!(value instanceof String text) || text.isBlank()) {
				throw RapportException.invalid(parameter, "expects rights such as \"ReadAccess, WriteAccess\"");
			}
			Set<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
			for (String word : text.split(",")) {
				String name = word.trim();
				AccessRight right = null;
				for (AccessRight r : AccessRight.values()) {
					if (name(r).equals(name)) {
						right = r;
					}
				}
				if (right == null) {
					throw RapportException.invalid(parameter, "'" + name + "' is not one of " + names());
				}
				rights.add(right);
			}
			return rights;
		}

		static String format(Set<AccessRight> rights) {
			if (rights.isEmpty()) {
				return "None";
			}
			return String.join(", ", rights.stream().map(AccessMask::name).toList());
		}

		private static String name(AccessRight right) {
			return right.name() + "Access";
		}

		private static List<String> names() {
			return EnumSet.allOf(AccessRight.class).stream().map(AccessMask::name).toList();
		}
	}
}
