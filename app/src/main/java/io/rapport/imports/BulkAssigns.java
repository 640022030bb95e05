package io.rapport.imports;

import java.util.Map;
import java.util.UUID;

import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/**
 * Assigns every record a query matches to one owner, as a background job with counts, like {@link BulkDeletes}.
 * Records are assigned one by one through the record pipeline as the job's owner, so access checks (the Assign
 * privilege on each record), cascades and audit apply; only records created before the job started are assigned.
 */
public interface BulkAssigns {

	/** The job type of bulk assigns. */
	String JOB_TYPE = "BulkAssign";

	/**
	 * Checks the query and the owner and submits the job; returns its id.
	 *
	 * @param jobName the job's name, or null for a name made from the entity
	 * @param query   the query in the JSON form of the query model ({@link io.rapport.query.QueryJson})
	 * @param owner   the new owner: a user ({@code systemuser}) or a team
	 */
	UUID submit(Principal principal, String jobName, Map<String, Object> query, RecordRef owner);
}
