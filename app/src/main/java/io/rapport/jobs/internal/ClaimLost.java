package io.rapport.jobs.internal;

import java.util.UUID;

/** This node no longer holds the job: its lease expired and another node took it over, or the job was deleted. */
final class ClaimLost extends RuntimeException {

	ClaimLost(UUID jobId) {
		super("The claim on job " + jobId + " was lost");
	}
}
