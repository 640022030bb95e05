package io.rapport.imports;

import java.util.Map;
import java.util.UUID;

import io.rapport.core.Principal;

/**
 * Dataverse's BulkDelete: deletes every record a query matches, as a background job with counts. Records are deleted
 * one by one through the record pipeline as the job's owner, so access checks, cascades and audit apply; only records
 * created before the job started are deleted.
 */
public interface BulkDeletes {

	/** The job type of bulk deletes. */
	String JOB_TYPE = "BulkDelete";

	/**
	 * Checks the query and submits the job; returns its id.
	 *
	 * @param jobName the job's name, or null for a name made from the entity
	 * @param query   the query in the JSON form of the query model ({@link io.rapport.query.QueryJson})
	 */
	UUID submit(Principal principal, String jobName, Map<String, Object> query);
}
