package io.rapport.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.metadata.AlternateKeyDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;

/**
 * Dataverse's bulk actions on an entity set: {@code CreateMultiple}, {@code UpdateMultiple} and {@code UpsertMultiple},
 * up to {@value #MAX_TARGETS} records each, all in one transaction — any failure writes nothing and names the index.
 */
@RestController
@RequestMapping("/api/data/v9.2")
class BulkController {

	static final int MAX_TARGETS = 1000;
	private static final String TYPE_PREFIX = "Microsoft.Dynamics.CRM.";

	private final Metadata metadata;
	private final Records records;
	private final Queries queries;
	private final CurrentPrincipal principal;
	private final TransactionTemplate tx;

	BulkController(Metadata metadata, Records records, Queries queries, CurrentPrincipal principal, TransactionTemplate tx) {
		this.metadata = metadata;
		this.records = records;
		this.queries = queries;
		this.principal = principal;
		this.tx = tx;
	}

	@PostMapping("/{set}/Microsoft.Dynamics.CRM.{action}")
	ResponseEntity<Object> act(@PathVariable String set, @PathVariable String action, @RequestBody Map<String, Object> body) {
		EntityDefinition entity = metadata.findBySetName(set)
			.orElseThrow(() -> new RapportException(404, "ResourceNotFound", "There is no entity set named '" + set + "'."));
		return switch (action) {
			case "CreateMultiple" -> createMultiple(entity, targets(entity, body));
			case "UpdateMultiple" -> updateMultiple(entity, targets(entity, body));
			case "UpsertMultiple" -> upsertMultiple(entity, targets(entity, body));
			default -> throw new RapportException(404, "ActionNotFound", "There is no action " + TYPE_PREFIX + action
					+ " bound to " + set + "; use CreateMultiple, UpdateMultiple or UpsertMultiple.");
		};
	}

	private ResponseEntity<Object> createMultiple(EntityDefinition entity, List<EntityRecord> targets) {
		for (int i = 0; i < targets.size(); i++) {
			if (targets.get(i).id() != null && !queries.retrieve(Principal.systemPrincipal(), entity.logicalName(),
					targets.get(i).id(), List.of("versionnumber")).isEmpty()) {
				throw new RapportException(409, "DuplicateRecord", "Targets[" + i + "]: a " + entity.logicalName()
						+ " with the id " + targets.get(i).id() + " already exists; nothing was written.");
			}
		}
		List<UUID> ids = records.createMultiple(principal.get(), targets);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("@odata.context", "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
		response.put("Ids", ids.stream().map(UUID::toString).toList());
		return ResponseEntity.ok(response);
	}

	private ResponseEntity<Object> updateMultiple(EntityDefinition entity, List<EntityRecord> targets) {
		Principal who = principal.get();
		tx.executeWithoutResult(status -> {
			for (int i = 0; i < targets.size(); i++) {
				EntityRecord target = targets.get(i);
				if (target.id() == null) {
					throw RapportException.invalid("Targets[" + i + "]." + entity.primaryIdAttribute(),
							"UpdateMultiple needs the id of every record");
				}
				run(i, () -> records.update(who, target));
			}
		});
		return ResponseEntity.noContent().build();
	}

	private ResponseEntity<Object> upsertMultiple(EntityDefinition entity, List<EntityRecord> targets) {
		Principal who = principal.get();
		List<Map<String, Object>> results = tx.execute(status -> {
			List<Map<String, Object>> list = new ArrayList<>();
			for (int i = 0; i < targets.size(); i++) {
				EntityRecord target = targets.get(i);
				Optional<UUID> existing = existing(who, entity, target);
				boolean created = existing.isEmpty();
				UUID id;
				if (created) {
					int index = i;
					id = atIndex(i, () -> records.create(who, targets.get(index)));
				} else {
					id = existing.get();
					target.id(id);
					run(i, () -> records.update(who, target));
				}
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("@odata.type", "#Microsoft.Dynamics.CRM.UpsertResponse");
				result.put("RecordCreated", created);
				result.put("Id", id.toString());
				result.put("Target", Map.of("@odata.type", "#" + TYPE_PREFIX + entity.logicalName(),
						entity.primaryIdAttribute(), id.toString()));
				list.add(result);
			}
			return list;
		});
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("@odata.context", "$metadata#Microsoft.Dynamics.CRM.UpsertMultipleResponse");
		response.put("Results", results);
		return ResponseEntity.ok(response);
	}

	/** The record an upsert target addresses: by its id, else by the first alternate key whose values it carries. */
	private Optional<UUID> existing(Principal who, EntityDefinition entity, EntityRecord target) {
		if (target.id() != null) {
			return queries.retrieve(who, entity.logicalName(), target.id(), List.of("versionnumber")).map(r -> target.id());
		}
		for (AlternateKeyDefinition key : entity.keys()) {
			if (!key.attributes().stream().allMatch(a -> target.get(a) != null)) {
				continue;
			}
			List<Criterion> conditions = key.attributes().stream()
				.<Criterion>map(a -> Criterion.where(a, Operator.Eq, target.get(a)))
				.toList();
			Query query = Query.of(entity.logicalName()).select(entity.primaryIdAttribute())
				.where(new Criterion.Group(false, conditions)).page(1);
			return queries.execute(who, query).records().stream().findFirst().map(EntityRecord::id);
		}
		return Optional.empty();
	}

	@SuppressWarnings("unchecked")
	private List<EntityRecord> targets(EntityDefinition entity, Map<String, Object> body) {
		if (body == null || !(body.get("Targets") instanceof List<?> list)) {
			throw RapportException.invalid("Targets", "send {\"Targets\":[{...}, ...]}, a list of records");
		}
		if (list.size() > MAX_TARGETS) {
			throw new RapportException(400, "TooManyTargets", "Targets: " + list.size() + " records is more than the limit of "
					+ MAX_TARGETS + " per request; send them in several requests.");
		}
		List<EntityRecord> targets = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof Map<?, ?> item)) {
				throw RapportException.invalid("Targets[" + i + "]", "is not a record object");
			}
			Map<String, Object> json = (Map<String, Object>) item;
			Object type = json.get("@odata.type");
			if (type != null && !type.toString().replaceFirst("^#", "").equals(TYPE_PREFIX + entity.logicalName())) {
				throw RapportException.invalid("Targets[" + i + "].@odata.type", "is " + type + " but this is the "
						+ entity.entitySetName() + " set of " + TYPE_PREFIX + entity.logicalName());
			}
			Object id = json.get(entity.primaryIdAttribute());
			UUID uuid = null;
			if (id != null) {
				try {
					uuid = UUID.fromString(id.toString());
				} catch (IllegalArgumentException e) {
					throw RapportException.invalid("Targets[" + i + "]." + entity.primaryIdAttribute(), "'" + id + "' is not a valid GUID");
				}
			}
			UUID recordId = uuid;
			targets.add(atIndex(i, () -> RecordJson.read(metadata, entity, json, recordId)));
		}
		return targets;
	}

	private static void run(int index, Runnable work) {
		atIndex(index, () -> {
			work.run();
			return null;
		});
	}

	private static <T> T atIndex(int index, java.util.function.Supplier<T> work) {
		try {
			return work.get();
		} catch (RapportException e) {
			throw new RapportException(e.status(), e.code(), "Targets[" + index + "]: " + e.getMessage(), e.errors());
		}
	}
}
