package io.rapport.customers.internal;

import java.util.UUID;

import io.rapport.jobs.JobProgress;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a duplicate detection job is, saved after each batch in the transaction that stores the batch's duplicates.
 *
 * @param total     records the query matched when the job first started
 * @param lastId    the last record checked; the next batch starts after it
 * @param duplicated records checked that have at least one duplicate
 * @param stored    duplicate records stored so far (at most the job's limit)
 */
record DuplicateDetectionCheckpoint(long total, String lastId, long processed, long duplicated, long stored) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static DuplicateDetectionCheckpoint start(long total) {
		return new DuplicateDetectionCheckpoint(total, null, 0, 0, 0);
	}

	static DuplicateDetectionCheckpoint read(String json) {
		return JSON.readValue(json, DuplicateDetectionCheckpoint.class);
	}

	String json() {
		return JSON.writeValueAsString(this);
	}

	UUID last() {
		return lastId == null ? null : UUID.fromString(lastId);
	}

	JobProgress progress() {
		return new JobProgress(total, processed, duplicated, 0);
	}

	DuplicateDetectionCheckpoint after(UUID last, long checked, long withDuplicates, long added) {
		return new DuplicateDetectionCheckpoint(total, last.toString(), processed + checked, duplicated + withDuplicates,
				stored + added);
	}

	/** The summary people read on the job. */
	String message(int limit) {
		String summary = "Checked " + processed + " record" + (processed == 1 ? "" : "s") + ": " + duplicated
				+ (duplicated == 1 ? " has" : " have") + " potential duplicates; " + stored + " duplicate record"
				+ (stored == 1 ? "" : "s") + " stored.";
		return stored >= limit ? summary + " The job stopped at the limit of " + limit + " duplicates per job." : summary;
	}
}
