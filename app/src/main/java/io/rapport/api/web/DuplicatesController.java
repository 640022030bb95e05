package io.rapport.api.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateDetectionJobs;
import io.rapport.customers.DuplicateMatch;
import io.rapport.data.Records;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Duplicate detection: check a record against the published rules (RetrieveDuplicates), publish and unpublish rules
 * (their records are at /api/data/v9.2/duplicaterules and duplicateruleconditions), and find every duplicate of a
 * query as a background job (BulkDetectDuplicates).
 */
@RestController
@RequestMapping("/api/customers/duplicates")
@Tag(name = "Duplicates", description = "Duplicate detection: check records, publish rules, detection jobs")
class DuplicatesController {

	private final DuplicateDetection detection;
	private final DuplicateDetectionJobs detectionJobs;
	private final Jobs jobs;
	private final Records records;
	private final Queries queries;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	DuplicatesController(DuplicateDetection detection, DuplicateDetectionJobs detectionJobs, Jobs jobs, Records records,
			Queries queries, Metadata metadata, CurrentPrincipal principal) {
		this.detection = detection;
		this.detectionJobs = detectionJobs;
		this.jobs = jobs;
		this.records = records;
		this.queries = queries;
		this.metadata = metadata;
		this.principal = principal;
	}

	@PostMapping("/check")
	@Operation(summary = "The records a record may duplicate, by the published rules of its entity (RetrieveDuplicates)",
			description = "Body: {\"entity\": \"contact\", \"record\": {attribute values, binds as in the records API}} for a record "
					+ "not saved yet, or {\"entity\": \"contact\", \"id\": \"<id>\"} for an existing one. Only records you may read are listed.")
	@SuppressWarnings("unchecked")
	Map<String, Object> check(@RequestBody Map<String, Object> body) {
		if (!(body.get("entity") instanceof String name) || name.isBlank()) {
			throw RapportException.invalid("entity", "names the logical name of the record's entity, such as contact");
		}
		EntityDefinition entity = metadata.find(name)
			.orElseThrow(() -> RapportException.invalid("entity", "'" + name + "' is not an entity"));
		Principal who = principal.get();
		List<DuplicateMatch> matches;
		if (body.get("id") != null) {
			matches = detection.retrieveDuplicates(who, new RecordRef(entity.logicalName(), uuid(body.get("id"), "id")));
		} else if (body.get("record") instanceof Map<?, ?> values) {
			EntityRecord record = RecordJson.read(metadata, entity, (Map<String, Object>) values, null);
			matches = detection.retrieveDuplicates(who, record);
		} else {
			throw RapportException.invalid("record", "give the record's values as a JSON object, or the id of an existing record");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("entity", entity.logicalName());
		result.put("duplicates", json(matches));
		return result;
	}

	@PostMapping("/rules/{id}/publish")
	@Operation(summary = "Publish a duplicate rule (SetState to Active/Published): it then applies to creates, updates and jobs",
			description = "At most 5 rules per base entity are published at a time.")
	ResponseEntity<Void> publish(@PathVariable UUID id) {
		records.setState(principal.get(), new RecordRef("duplicaterule", id), 1, 2);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/rules/{id}/unpublish")
	@Operation(summary = "Unpublish a duplicate rule (SetState to Inactive/Unpublished), so that it can be changed")
	ResponseEntity<Void> unpublish(@PathVariable UUID id) {
		records.setState(principal.get(), new RecordRef("duplicaterule", id), 0, 0);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/jobs")
	@Operation(summary = "Find the duplicates of every record a query matches, as a background job (BulkDetectDuplicates)",
			description = "Body: {\"name\": optional, \"query\": the query in the JSON form of /api/query, \"ruleIds\": optional "
					+ "published rules (default: all of the entity's)}. Follow the job at /api/jobs/{id}; its duplicate records "
					+ "are at /api/customers/duplicates/jobs/{id}/records.")
	@SuppressWarnings("unchecked")
	ResponseEntity<Map<String, Object>> submit(@RequestBody Map<String, Object> body) {
		Object name = body.get("name");
		if (name != null && !(name instanceof String)) {
			throw RapportException.invalid("name", "expects text");
		}
		if (!(body.get("query") instanceof Map<?, ?> query)) {
			throw RapportException.invalid("query", "expects the query as a JSON object, such as {\"entity\": \"contact\"}");
		}
		List<UUID> ruleIds = new ArrayList<>();
		if (body.get("ruleIds") != null) {
			if (!(body.get("ruleIds") instanceof List<?> ids)) {
				throw RapportException.invalid("ruleIds", "expects a list of duplicate rule ids");
			}
			ids.forEach(id -> ruleIds.add(uuid(id, "ruleIds")));
		}
		Principal who = principal.get();
		UUID id = detectionJobs.submit(who, (String) name, (Map<String, Object>) query, ruleIds);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + id)).body(JobsController.json(jobs.find(who, id)));
	}

	@GetMapping("/jobs/{id}/records")
	@Operation(summary = "The duplicate records a detection job found, as far as you may read them")
	Map<String, Object> results(@PathVariable UUID id) {
		Principal who = principal.get();
		jobs.find(who, id);
		EntityDefinition entity = metadata.entity("duplicaterecord");
		List<Map<String, Object>> value = new ArrayList<>();
		queries.execute(who, Query.of(entity.logicalName())
			.where(Criterion.where("asyncoperationid", Operator.Eq, id))
			.page(DuplicateDetectionJobs.MAX_RESULTS))
			.records()
			.forEach(r -> value.add(RecordJson.write(entity, r)));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("jobId", id.toString());
		result.put("value", value);
		return result;
	}

	static List<Map<String, Object>> json(List<DuplicateMatch> matches) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (DuplicateMatch m : matches) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("entity", m.record().entity());
			item.put("id", m.record().id().toString());
			item.put("name", m.name());
			item.put("ruleId", m.ruleId().toString());
			item.put("ruleName", m.ruleName());
			list.add(item);
		}
		return list;
	}

	private static UUID uuid(Object value, String field) {
		try {
			return UUID.fromString(String.valueOf(value).trim());
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(field, "'" + value + "' is not a valid id (GUID)");
		}
	}
}
