package io.rapport.jobs;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import io.rapport.core.Principal;

/** One run of a job, as its handler sees it. Every save renews this node's claim on the job. */
public interface JobExecution {

	UUID jobId();

	String name();

	/** The owner of the job as they are now: the handler reads and writes records as this principal. */
	Principal principal();

	/** The input given at submission, or null. */
	String input();

	/** When the job first started; stays the same when it is resumed or retried. */
	OffsetDateTime startedOn();

	/** The last saved checkpoint; empty on the first run. */
	Optional<String> checkpoint();

	/** The last saved progress. */
	JobProgress progress();

	/**
	 * Saves the checkpoint and progress in one statement. If the caller has a transaction open, the save joins it, so
	 * the work done in that transaction and the checkpoint commit together or not at all. Throws when this node no
	 * longer holds the job (its claim expired and another node took it over), which rolls that transaction back.
	 */
	void checkpoint(String state, JobProgress progress);

	default void checkpoint(String state) {
		checkpoint(state, progress());
	}

	default void progress(JobProgress progress) {
		checkpoint(checkpoint().orElse(null), progress);
	}

	/** Saves a message for people, such as the records that could not be processed. */
	void message(String message);

	/**
	 * True once the owner asked to cancel the job or this node is stopping: save what is done and return. Checked
	 * cheaply; call it between items.
	 */
	boolean cancelRequested();
}
