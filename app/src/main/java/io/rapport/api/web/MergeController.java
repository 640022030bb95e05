package io.rapport.api.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.MergeRequest;
import io.rapport.customers.Merges;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Merges two accounts or two contacts (Dataverse's Merge). */
@RestController
@Tag(name = "Merge", description = "Merge two duplicate records")
class MergeController {

	private static final Pattern REFERENCE = Pattern.compile("^/?([A-Za-z0-9_]+)\\(([0-9a-fA-F-]{36})\\)$");

	private final Merges merges;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	MergeController(Merges merges, Metadata metadata, CurrentPrincipal principal) {
		this.merges = merges;
		this.metadata = metadata;
		this.principal = principal;
	}

	@PostMapping("/api/customers/merge")
	@Operation(summary = "Merge the subordinate into the target",
			description = "Body: {\"entity\": \"account\", \"target\": id, \"subordinate\": id, \"values\": {attribute: value, "
					+ "or attribute: {\"from\": \"subordinate\"} to take the subordinate's value; lookups as attribute@odata.bind}}. "
					+ "A record may also be given as \"/accounts(<id>)\". The subordinate's contacts, child accounts and other related "
					+ "records, memberships and shares move to the target; the subordinate is deactivated and marked merged.")
	ResponseEntity<Void> merge(@RequestBody Map<String, Object> body) {
		String entity = body.get("entity") == null ? null : String.valueOf(body.get("entity"));
		RecordRef target = reference(body.get("target"), entity, "target");
		RecordRef subordinate = reference(body.get("subordinate"), entity, "subordinate");
		Map<String, Object> values = new LinkedHashMap<>();
		Set<String> fromSubordinate = new LinkedHashSet<>();
		if (body.get("values") != null) {
			if (!(body.get("values") instanceof Map<?, ?> given)) {
				throw RapportException.invalid("values", "expects an object of attribute values");
			}
			EntityDefinition definition = metadata.entity(target.entity());
			Map<String, Object> literal = new LinkedHashMap<>();
			for (Map.Entry<?, ?> e : given.entrySet()) {
				String attribute = String.valueOf(e.getKey());
				if (e.getValue() instanceof Map<?, ?> source) {
					if (source.size() != 1 || !"subordinate".equals(source.get("from"))) {
						throw RapportException.invalid(attribute, "expects a value, or {\"from\": \"subordinate\"}");
					}
					fromSubordinate.add(attribute);
				} else {
					literal.put(attribute, e.getValue());
				}
			}
			values.putAll(RecordJson.read(metadata, definition, literal, null).values());
		}
		merges.merge(principal.get(), new MergeRequest(target, subordinate, values, fromSubordinate));
		return ResponseEntity.noContent().build();
	}

	/** A record as an id of the request's entity, as "/accounts(id)", or as {"entity", "id"}. */
	private RecordRef reference(Object value, String entity, String field) {
		if (value == null) {
			throw RapportException.invalid(field, "name the " + field + " record");
		}
		if (value instanceof Map<?, ?> m) {
			return new RecordRef(entityName(m.get("entity"), field), uuid(m.get("id"), field));
		}
		Matcher bound = REFERENCE.matcher(value.toString().trim());
		if (bound.matches()) {
			EntityDefinition set = metadata.findBySetName(bound.group(1))
				.orElseThrow(() -> RapportException.invalid(field, "'" + bound.group(1) + "' is not an entity set"));
			return new RecordRef(set.logicalName(), uuid(bound.group(2), field));
		}
		return new RecordRef(entityName(entity, "entity"), uuid(value, field));
	}

	private String entityName(Object name, String field) {
		if (name == null || name.toString().isBlank()) {
			throw RapportException.invalid(field, "name the entity, such as account or contact");
		}
		return metadata.find(name.toString())
			.orElseThrow(() -> RapportException.invalid(field, "'" + name + "' is not an entity"))
			.logicalName();
	}

	private static UUID uuid(Object value, String field) {
		try {
			return UUID.fromString(String.valueOf(value).trim());
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(field, "'" + value + "' is not a valid id (GUID)");
		}
	}
}
