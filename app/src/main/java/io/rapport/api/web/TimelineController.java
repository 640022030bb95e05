package io.rapport.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.rapport.activities.Timeline;
import io.rapport.activities.TimelineEntry;
import io.rapport.activities.TimelineFilter;
import io.rapport.activities.TimelinePage;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.Metadata;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** The timeline of a record: its activities and notes (an account's also those of its contacts), newest first. */
@RestController
@Tag(name = "Timeline", description = "Activities and notes of a record, newest first")
class TimelineController {

	private final Timeline timeline;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	TimelineController(Timeline timeline, Metadata metadata, CurrentPrincipal principal) {
		this.timeline = timeline;
		this.metadata = metadata;
		this.principal = principal;
	}

	@GetMapping("/api/timeline/{entity}/{id}")
	@Operation(summary = "One page of the record's timeline, newest first (by created on); follow nextLink for the next")
	Map<String, Object> timeline(@PathVariable String entity, @PathVariable String id,
			@RequestParam(required = false) String types, @RequestParam(required = false) String state,
			@RequestParam(defaultValue = "" + Timeline.DEFAULT_PAGE_SIZE) int pageSize,
			@RequestParam(required = false) String cursor, HttpServletRequest request) {
		metadata.entity(entity);
		RecordRef record;
		try {
			record = new RecordRef(entity, UUID.fromString(id));
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid("id", "'" + id + "' is not a valid GUID");
		}
		TimelinePage page = timeline.of(principal.get(), record, TimelineFilter.parse(types, state), cursor, pageSize);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("entries", page.entries().stream().map(TimelineController::entry).toList());
		json.put("nextCursor", page.nextCursor());
		if (page.nextCursor() != null) {
			json.put("nextLink", UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
				.query(request.getQueryString())
				.replaceQueryParam("cursor", page.nextCursor())
				.build()
				.toUriString());
		}
		return json;
	}

	private static Map<String, Object> entry(TimelineEntry e) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("entity", e.record().entity());
		json.put("id", e.record().id().toString());
		json.put("subject", e.subject());
		json.put("text", e.text());
		json.put("statecode", e.state());
		json.put("statuscode", e.status());
		json.put("regarding", reference(e.regarding()));
		json.put("owner", reference(e.owner()));
		json.put("createdon", RecordJson.value(e.createdOn()));
		json.put("modifiedon", RecordJson.value(e.modifiedOn()));
		json.put("scheduledend", RecordJson.value(e.due()));
		json.put("completedon", RecordJson.value(e.completedOn()));
		json.put("filename", e.fileName());
		return json;
	}

	private static Object reference(RecordRef ref) {
		return ref == null ? null : Map.of("entity", ref.entity(), "id", ref.id().toString());
	}
}
