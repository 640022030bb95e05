package io.rapport.jobs;

/**
 * Runs one type of job. Modules register handlers as Spring beans.
 * <p>
 * A handler must be able to start again from its last checkpoint: a job stopped anywhere (node stopped, crashed, or
 * the job retried) is run again with {@link JobExecution#checkpoint()} as last saved. When
 * {@link JobExecution#cancelRequested()} turns true it saves what it did and returns. Returning means the job is done;
 * throwing fails it, with the message of a {@link io.rapport.core.RapportException} shown to the owner.
 */
public interface JobHandler {

	/** The job type this handler runs, stored as the job's operation type. */
	String type();

	void run(JobExecution execution);
}
