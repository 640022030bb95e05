package io.rapport.customers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.core.Principal;

/**
 * Dataverse's BulkDetectDuplicates: a background job that finds the duplicates of every record a query matches and
 * stores each pair as a {@code duplicaterecord} of the job (at most {@link #MAX_RESULTS}), owned by the job's owner.
 */
public interface DuplicateDetectionJobs {

	String JOB_TYPE = "BulkDetectDuplicates";

	/** Dataverse's limit of duplicates one detection job records. */
	int MAX_RESULTS = 5000;

	/**
	 * Checks the query and the rules and submits the job; returns its id.
	 *
	 * @param query   the query in the JSON form of the query model ({@link io.rapport.query.QueryJson})
	 * @param ruleIds published rules of the query's entity to apply; empty for all of them
	 */
	UUID submit(Principal principal, String jobName, Map<String, Object> query, List<UUID> ruleIds);
}
