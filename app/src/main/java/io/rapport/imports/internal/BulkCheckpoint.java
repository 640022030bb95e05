package io.rapport.imports.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.jobs.JobProgress;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a bulk job over a query's records (a delete, an assign) is, saved after each batch in the same transaction as
 * the batch's changes.
 *
 * @param cutoff  only records created before it are processed: when the job first started
 * @param total   how many records matched when the job first started
 * @param lastId  the last record processed; the next batch starts after it
 * @param errors  the first failures, for people to read
 */
record BulkCheckpoint(String cutoff, long total, String lastId, long processed, long succeeded, long failed,
		List<String> errors) {

	static final int ERRORS_KEPT = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static BulkCheckpoint start(OffsetDateTime cutoff, long total) {
		return new BulkCheckpoint(cutoff.toString(), total, null, 0, 0, 0, List.of());
	}

	static BulkCheckpoint read(String json) {
		return JSON.readValue(json, BulkCheckpoint.class);
	}

	String json() {
		return JSON.writeValueAsString(this);
	}

	OffsetDateTime cutoffTime() {
		return OffsetDateTime.parse(cutoff);
	}

	UUID last() {
		return lastId == null ? null : UUID.fromString(lastId);
	}

	JobProgress progress() {
		return new JobProgress(total, processed, succeeded, failed);
	}

	BulkCheckpoint succeeded(UUID id) {
		return new BulkCheckpoint(cutoff, total, id.toString(), processed + 1, succeeded + 1, failed, errors);
	}

	BulkCheckpoint failed(UUID id, String error) {
		List<String> kept = errors;
		if (errors.size() < ERRORS_KEPT) {
			kept = new ArrayList<>(errors);
			kept.add(error);
		}
		return new BulkCheckpoint(cutoff, total, id.toString(), processed + 1, succeeded, failed + 1, kept);
	}

	/** The failures as the job's message, or null when there are none; {@code verb} says what was done ("deleted"). */
	String message(String verb) {
		if (failed == 0) {
			return null;
		}
		String head = failed == 1 ? "1 record could not be " + verb : failed + " records could not be " + verb;
		String shown = failed > errors.size() ? " (the first " + errors.size() + " are listed)" : "";
		return head + shown + ":\n" + String.join("\n", errors);
	}
}
