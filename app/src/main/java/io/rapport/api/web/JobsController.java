package io.rapport.api.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.imports.BulkDeletes;
import io.rapport.jobs.Job;
import io.rapport.jobs.Jobs;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Background jobs: submit a bulk delete, follow a job's progress, cancel and retry it. */
@RestController
@RequestMapping("/api/jobs")
@Tag(name = "Jobs", description = "Background jobs (system jobs): bulk delete, progress, cancel, retry")
class JobsController {

	private final Jobs jobs;
	private final BulkDeletes bulkDeletes;
	private final CurrentPrincipal principal;

	JobsController(Jobs jobs, BulkDeletes bulkDeletes, CurrentPrincipal principal) {
		this.jobs = jobs;
		this.bulkDeletes = bulkDeletes;
		this.principal = principal;
	}

	@PostMapping("/bulkdelete")
	@Operation(summary = "Delete every record a query matches, as a background job",
			description = "Body: {\"name\": optional job name, \"query\": the query in the JSON form of /api/query}. "
					+ "Only records created before the job starts are deleted.")
	@SuppressWarnings("unchecked")
	ResponseEntity<Map<String, Object>> bulkDelete(@RequestBody Map<String, Object> body) {
		Object name = body.get("name");
		if (name != null && !(name instanceof String)) {
			throw RapportException.invalid("name", "expects text");
		}
		if (!(body.get("query") instanceof Map<?, ?> query)) {
			throw RapportException.invalid("query", "expects the query as a JSON object, such as "
					+ "{\"entity\": \"contact\", \"filter\": {\"attribute\": \"lastname\", \"operator\": \"Eq\", \"values\": [\"Smith\"]}}");
		}
		Principal who = principal.get();
		UUID id = bulkDeletes.submit(who, (String) name, (Map<String, Object>) query);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + id)).body(json(jobs.find(who, id)));
	}

	@GetMapping("/{id}")
	@Operation(summary = "A job's status, progress, counts and message")
	Map<String, Object> get(@PathVariable UUID id) {
		return json(jobs.find(principal.get(), id));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a job: at once when it is waiting, at its next check when it is running")
	ResponseEntity<Map<String, Object>> cancel(@PathVariable UUID id) {
		return ResponseEntity.accepted().body(json(jobs.cancel(principal.get(), id)));
	}

	@PostMapping("/{id}/retry")
	@Operation(summary = "Run a failed or canceled job again from its last checkpoint")
	ResponseEntity<Map<String, Object>> retry(@PathVariable UUID id) {
		return ResponseEntity.accepted().body(json(jobs.retry(principal.get(), id)));
	}

	static Map<String, Object> json(Job job) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", job.id().toString());
		m.put("name", job.name());
		m.put("type", job.type());
		m.put("status", job.status().label());
		m.put("statecode", job.status().state());
		m.put("statuscode", job.status().statusCode());
		Map<String, Object> progress = new LinkedHashMap<>();
		progress.put("total", job.progress().total());
		progress.put("processed", job.progress().current());
		progress.put("succeeded", job.progress().succeeded());
		progress.put("failed", job.progress().failed());
		m.put("progress", progress);
		m.put("message", job.message());
		m.put("friendlyMessage", job.friendlyMessage());
		m.put("retryCount", job.retryCount());
		m.put("cancelRequested", job.cancelRequested());
		m.put("ownerId", job.ownerId() == null ? null : job.ownerId().toString());
		m.put("createdOn", RecordJson.value(job.createdOn()));
		m.put("startedOn", RecordJson.value(job.startedOn()));
		m.put("completedOn", RecordJson.value(job.completedOn()));
		return m;
	}
}
