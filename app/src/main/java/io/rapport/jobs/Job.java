package io.rapport.jobs;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A system job as its owner sees it.
 *
 * @param message         what the job reports to people: the reason it failed, or the records it could not process
 * @param friendlyMessage a short, user-readable summary of a failure
 */
public record Job(UUID id, String name, String type, JobStatus status, JobProgress progress, String message,
		String friendlyMessage, int retryCount, boolean cancelRequested, UUID ownerId, OffsetDateTime createdOn,
		OffsetDateTime startedOn, OffsetDateTime completedOn) {
}
