package io.rapport.jobs;

import java.util.UUID;

import io.rapport.core.Principal;

/**
 * Submits and controls background jobs. A job is a record of the system job entity ({@code asyncoperation}), owned by
 * whoever submitted it; its {@link JobHandler} runs later on one node, acting as that owner.
 */
public interface Jobs {

	/** The entity jobs are records of. */
	String ENTITY = "asyncoperation";

	/**
	 * Creates a waiting job and returns its id. It runs after the caller's transaction commits, if there is one.
	 *
	 * @param type  the {@link JobHandler#type()} that will run it
	 * @param input what the handler needs, as text (usually JSON); may be null
	 */
	UUID submit(Principal principal, String type, String name, String input);

	/** The job, or a 404 when it does not exist or the principal may not read it. */
	Job find(Principal principal, UUID id);

	/**
	 * Cancels a waiting job at once; asks a running one to stop at its next check (status Canceling, then Canceled).
	 * Refused with 409 when the job has already finished.
	 */
	Job cancel(Principal principal, UUID id);

	/** Puts a failed or canceled job back to Waiting; it resumes from its last checkpoint. Refused with 409 otherwise. */
	Job retry(Principal principal, UUID id);
}
