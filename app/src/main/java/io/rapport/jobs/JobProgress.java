package io.rapport.jobs;

/**
 * How far a job is.
 *
 * @param total     how many items the job has to process, or null while unknown
 * @param current   how many it has processed
 * @param succeeded how many of those succeeded
 * @param failed    how many of those failed
 */
public record JobProgress(Long total, long current, long succeeded, long failed) {

	public static final JobProgress NONE = new JobProgress(null, 0, 0, 0);
}
