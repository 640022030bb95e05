package io.rapport.jobs.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.jobs.Job;
import io.rapport.jobs.JobProgress;
import io.rapport.jobs.JobStatus;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.Metadata;
import io.rapport.security.AccessControl;
import io.rapport.security.Privilege;

/** Jobs as records: submitted through the record pipeline, read with the caller's access, cancelled and retried. */
@Component
class SystemJobs implements Jobs {

	private static final int NAME_LENGTH = 256;
	private static final int TYPE_LENGTH = 64;

	private final Records records;
	private final JobTable table;
	private final Metadata metadata;
	private final AccessControl access;

	SystemJobs(Records records, JobTable table, Metadata metadata, AccessControl access) {
		this.records = records;
		this.table = table;
		this.metadata = metadata;
		this.access = access;
	}

	@Override
	public UUID submit(Principal principal, String type, String name, String input) {
		if (type == null || type.isBlank() || type.length() > TYPE_LENGTH) {
			throw RapportException.invalid("operationtype", "a job needs a type of at most " + TYPE_LENGTH + " characters");
		}
		if (name == null || name.isBlank()) {
			throw RapportException.invalid("name", "a job needs a name");
		}
		if (name.length() > NAME_LENGTH) {
			throw RapportException.invalid("name", "is " + name.length() + " characters long; at most " + NAME_LENGTH + " are allowed");
		}
		return records.create(principal, new EntityRecord(ENTITY).set("name", name).set("operationtype", type).set("data", input));
	}

	@Override
	public Job find(Principal principal, UUID id) {
		return job(records.retrieve(principal, ENTITY, id));
	}

	@Override
	public Job cancel(Principal principal, UUID id) {
		writable(principal, id);
		if (!table.cancelWaiting(id, principal.userId()) && !table.requestCancel(id, principal.userId())) {
			Job job = find(principal, id);
			throw RapportException.conflict("JobFinished", "The job has already finished (" + job.status().label() + "); there is nothing to cancel.");
		}
		return find(principal, id);
	}

	@Override
	public Job retry(Principal principal, UUID id) {
		writable(principal, id);
		if (!table.retry(id, principal.userId())) {
			Job job = find(principal, id);
			throw RapportException.conflict("JobNotRetryable",
					"Only a failed or canceled job can be retried; this one is " + job.status().label() + ".");
		}
		return find(principal, id);
	}

	private void writable(Principal principal, UUID id) {
		EntityRecord job = records.retrieve(principal, ENTITY, id, "ownerid", "owningbusinessunit", "statecode");
		access.check(principal, Privilege.Write, metadata.entity(ENTITY), job);
	}

	private static Job job(EntityRecord r) {
		JobProgress progress = new JobProgress(r.get("progresstotal", Long.class), count(r, "progresscurrent"),
				count(r, "successcount"), count(r, "failurecount"));
		RecordRef owner = r.get("ownerid", RecordRef.class);
		Integer retries = r.get("retrycount", Integer.class);
		return new Job(r.id(), r.getString("name"), r.getString("operationtype"),
				JobStatus.of(r.get("statuscode", Integer.class)), progress, r.getString("message"),
				r.getString("friendlymessage"), retries == null ? 0 : retries, Boolean.TRUE.equals(r.get("cancelrequested")),
				owner == null ? null : owner.id(), r.get("createdon", OffsetDateTime.class),
				r.get("startedon", OffsetDateTime.class), r.get("completedon", OffsetDateTime.class));
	}

	private static long count(EntityRecord r, String attribute) {
		Long value = r.get(attribute, Long.class);
		return value == null ? 0 : value;
	}
}
