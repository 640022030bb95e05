package io.rapport.api.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.Connection;
import io.rapport.customers.ConnectionPage;
import io.rapport.customers.ConnectionRoles;
import io.rapport.customers.Connections;
import io.rapport.data.Records;
import io.rapport.metadata.Metadata;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Connections between records, seen from one record's side, a shorthand to connect two records, and the matching
 * roles of a connection role. Connections and roles are also records at /api/data/v9.2/connections and
 * /api/data/v9.2/connectionroles.
 */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Connections", description = "Connections between records, with a role on each side")
class ConnectionsController {

	private static final Set<String> CONNECT_FIELDS = Set.of("record1", "record2", "record1roleid", "record2roleid",
			"description", "effectivestart", "effectiveend");

	private final Connections connections;
	private final ConnectionRoles roles;
	private final Records records;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	ConnectionsController(Connections connections, ConnectionRoles roles, Records records, Metadata metadata,
			CurrentPrincipal principal) {
		this.connections = connections;
		this.roles = roles;
		this.records = records;
		this.metadata = metadata;
		this.principal = principal;
	}

	@GetMapping("/{entity}/{id}/connections")
	@Operation(summary = "The connections of a record from its side: the other record, my role, their role, dates. "
			+ "Connections whose other record you may not read are left out.")
	ConnectionPage connectionsOf(@PathVariable String entity, @PathVariable String id,
			@RequestParam(defaultValue = "" + Query.DEFAULT_PAGE_SIZE) int pageSize,
			@RequestParam(required = false) String cursor) {
		metadata.entity(entity);
		return connections.of(principal.get(), new RecordRef(entity, guid("id", id)), pageSize, cursor);
	}

	@PostMapping("/connections")
	@Operation(summary = "Connect two records: {\"record1\":{\"entity\":\"account\",\"id\":…},\"record2\":{…},"
			+ "\"record1roleid\":…,\"record2roleid\":… (optional: the single matching role when left out),"
			+ "\"description\",\"effectivestart\",\"effectiveend\"}")
	ResponseEntity<Map<String, Object>> connect(@RequestBody Map<String, Object> body) {
		if (body == null) {
			throw new RapportException(400, "InvalidJson", "The request needs a JSON object body.");
		}
		for (String key : body.keySet()) {
			if (!CONNECT_FIELDS.contains(key)) {
				throw RapportException.invalid(key, "is not a field of a connection; use " + CONNECT_FIELDS);
			}
		}
		EntityRecord connection = new EntityRecord("connection")
			.set("record1id", record("record1", body.get("record1")))
			.set("record2id", record("record2", body.get("record2")));
		for (String role : List.of("record1roleid", "record2roleid")) {
			if (body.get(role) != null) {
				connection.set(role, new RecordRef("connectionrole", guid(role, body.get(role))));
			}
		}
		for (String value : List.of("description", "effectivestart", "effectiveend")) {
			if (body.containsKey(value)) {
				connection.set(value, body.get(value));
			}
		}
		Principal who = principal.get();
		UUID id = records.create(who, connection);
		EntityRecord created = records.retrieve(who, "connection", id, "relatedconnectionid", "record1roleid", "record2roleid");
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("connectionid", id);
		result.put("relatedconnectionid", idOf(created.get("relatedconnectionid")));
		result.put("record1roleid", idOf(created.get("record1roleid")));
		result.put("record2roleid", idOf(created.get("record2roleid")));
		return ResponseEntity.created(URI.create("/api/data/v9.2/connections(" + id + ")")).body(result);
	}

	@GetMapping("/connectionroles/{id}/matchingroles")
	@Operation(summary = "The roles that match a connection role (the roles the other record may play)")
	List<Connection.Role> matchingRoles(@PathVariable String id) {
		return roles.matching(principal.get(), guid("id", id));
	}

	@PostMapping("/connectionroles/{id}/matchingroles")
	@Operation(summary = "Make a role match this one, in both directions: {\"roleid\":…} (administrators)")
	ResponseEntity<Void> match(@PathVariable String id, @RequestBody Map<String, Object> body) {
		roles.match(principal.get(), guid("id", id), guid("roleid", body == null ? null : body.get("roleid")));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/connectionroles/{id}/matchingroles/{matchingId}")
	@Operation(summary = "Make two roles no longer match (administrators)")
	ResponseEntity<Void> unmatch(@PathVariable String id, @PathVariable String matchingId) {
		roles.unmatch(principal.get(), guid("id", id), guid("matchingId", matchingId));
		return ResponseEntity.noContent().build();
	}

	private static RecordRef record(String field, Object value) {
		if (!(value instanceof Map<?, ?> m) || !(m.get("entity") instanceof String entity)) {
			throw RapportException.invalid(field, "expects {\"entity\": \"account\" or \"contact\", \"id\": <guid>}");
		}
		return new RecordRef(entity, guid(field + ".id", m.get("id")));
	}

	private static UUID guid(String field, Object value) {
		if (value == null) {
			throw RapportException.invalid(field, "is required");
		}
		try {
			return UUID.fromString(value.toString().trim());
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(field, "'" + value + "' is not a valid GUID");
		}
	}

	private static UUID idOf(Object ref) {
		return ref == null ? null : ((RecordRef) ref).id();
	}
}
