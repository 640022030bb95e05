package io.rapport.jobs.internal;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import io.rapport.jobs.JobProgress;
import io.rapport.jobs.JobStatus;
import io.rapport.jobs.Jobs;

/**
 * The runner's writes to job rows. Jobs are created through the record pipeline like any record, but their status,
 * progress, checkpoint and claim columns are platform state that only this module writes, directly and each with one
 * compare-and-set UPDATE: so a claim, a lease renewal, a cancel and a retry never overwrite each other, whichever node
 * or request makes them, on H2 as on PostgreSQL. The pipeline refuses changes to those columns (see JobRecordRules).
 */
@Component
class JobTable {

	static final Table<?> JOB = table(name(Jobs.ENTITY));
	static final Field<UUID> ID = field(name("asyncoperationid"), SQLDataType.UUID);
	static final Field<Long> VERSION = field(name("versionnumber"), SQLDataType.BIGINT);
	static final Field<Integer> STATE = field(name("statecode"), SQLDataType.INTEGER);
	static final Field<Integer> STATUS = field(name("statuscode"), SQLDataType.INTEGER);
	static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR);
	static final Field<String> TYPE = field(name("operationtype"), SQLDataType.VARCHAR);
	static final Field<String> INPUT = field(name("data"), SQLDataType.VARCHAR);
	static final Field<String> CHECKPOINT = field(name("checkpoint"), SQLDataType.VARCHAR);
	static final Field<String> MESSAGE = field(name("message"), SQLDataType.VARCHAR);
	static final Field<String> FRIENDLY = field(name("friendlymessage"), SQLDataType.VARCHAR);
	static final Field<Long> TOTAL = field(name("progresstotal"), SQLDataType.BIGINT);
	static final Field<Long> CURRENT = field(name("progresscurrent"), SQLDataType.BIGINT);
	static final Field<Long> SUCCEEDED = field(name("successcount"), SQLDataType.BIGINT);
	static final Field<Long> FAILED = field(name("failurecount"), SQLDataType.BIGINT);
	static final Field<Integer> RETRIES = field(name("retrycount"), SQLDataType.INTEGER);
	static final Field<OffsetDateTime> CREATED = field(name("createdon"), SQLDataType.TIMESTAMPWITHTIMEZONE);
	static final Field<OffsetDateTime> MODIFIED = field(name("modifiedon"), SQLDataType.TIMESTAMPWITHTIMEZONE);
	static final Field<UUID> MODIFIED_BY = field(name("modifiedby"), SQLDataType.UUID);
	static final Field<OffsetDateTime> STARTED = field(name("startedon"), SQLDataType.TIMESTAMPWITHTIMEZONE);
	static final Field<OffsetDateTime> COMPLETED = field(name("completedon"), SQLDataType.TIMESTAMPWITHTIMEZONE);
	static final Field<String> HOST = field(name("hostid"), SQLDataType.VARCHAR);
	static final Field<OffsetDateTime> LEASE = field(name("leaseexpireson"), SQLDataType.TIMESTAMPWITHTIMEZONE);
	static final Field<Boolean> CANCEL = field(name("cancelrequested"), SQLDataType.BOOLEAN);
	static final Field<UUID> OWNER = field(name("ownerid"), SQLDataType.UUID);
	static final Field<String> OWNER_TYPE = field(name("owneridtype"), SQLDataType.VARCHAR);

	static final int MESSAGE_LENGTH = 100_000;
	static final int FRIENDLY_LENGTH = 10_000;

	/** A job that may be claimed, as it was when read. */
	record Candidate(UUID id, long version) {
	}

	/** What a node needs to run a job it has claimed. */
	record Claimed(UUID id, String name, String type, String input, String checkpoint, JobProgress progress,
			UUID ownerId, String ownerType, OffsetDateTime startedOn, boolean cancelRequested) {
	}

	private final DSLContext dsl;

	JobTable(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** Waiting jobs, and running jobs whose node stopped renewing its lease, oldest first. */
	List<Candidate> claimable(OffsetDateTime now, int limit) {
		return dsl.select(ID, VERSION).from(JOB).where(claimable(now)).orderBy(CREATED, ID).limit(limit)
			.fetch(r -> new Candidate(r.value1(), r.value2()));
	}

	private static Condition claimable(OffsetDateTime now) {
		return STATUS.eq(JobStatus.Waiting.statusCode()).or(STATE.eq(JobStatus.LOCKED).and(LEASE.lt(now)));
	}

	/** Claims the job for {@code host} if nobody changed it since it was read: true for exactly one claimer. */
	boolean claim(Candidate candidate, String host, OffsetDateTime now, OffsetDateTime leaseUntil) {
		return changed(dsl.update(JOB)
			.set(STATE, JobStatus.LOCKED)
			.set(STATUS, JobStatus.InProgress.statusCode())
			.set(HOST, host)
			.set(LEASE, leaseUntil)
			.set(STARTED, coalesce(STARTED, val(now, SQLDataType.TIMESTAMPWITHTIMEZONE))), now)
			.where(ID.eq(candidate.id()))
			.and(VERSION.eq(candidate.version()))
			.and(claimable(now))
			.execute() == 1;
	}

	Claimed load(UUID id) {
		Record r = dsl.select(ID, NAME, TYPE, INPUT, CHECKPOINT, TOTAL, CURRENT, SUCCEEDED, FAILED, OWNER, OWNER_TYPE,
				STARTED, CANCEL).from(JOB).where(ID.eq(id)).fetchOne();
		if (r == null) {
			return null;
		}
		JobProgress progress = new JobProgress(r.get(TOTAL), count(r.get(CURRENT)), count(r.get(SUCCEEDED)),
				count(r.get(FAILED)));
		return new Claimed(id, r.get(NAME), r.get(TYPE), r.get(INPUT), r.get(CHECKPOINT), progress, r.get(OWNER),
				r.get(OWNER_TYPE), r.get(STARTED), Boolean.TRUE.equals(r.get(CANCEL)));
	}

	/** Saves checkpoint and progress and renews the lease, if {@code host} still holds the job. */
	boolean save(UUID id, String host, String checkpoint, JobProgress progress, OffsetDateTime leaseUntil) {
		return changed(dsl.update(JOB)
			.set(CHECKPOINT, checkpoint)
			.set(TOTAL, progress.total())
			.set(CURRENT, progress.current())
			.set(SUCCEEDED, progress.succeeded())
			.set(FAILED, progress.failed())
			.set(LEASE, leaseUntil), now())
			.where(held(id, host))
			.execute() == 1;
	}

	boolean message(UUID id, String host, String message) {
		return changed(dsl.update(JOB).set(MESSAGE, truncate(message, MESSAGE_LENGTH)), now())
			.where(held(id, host))
			.execute() == 1;
	}

	/** Renews the lease of the jobs {@code host} is running. A pure lease renewal does not change the row version. */
	void renew(Collection<UUID> ids, String host, OffsetDateTime leaseUntil) {
		if (!ids.isEmpty()) {
			dsl.update(JOB).set(LEASE, leaseUntil).where(ID.in(ids)).and(HOST.eq(host)).and(STATE.eq(JobStatus.LOCKED))
				.execute();
		}
	}

	/** Which of the given jobs their owners asked to cancel. */
	Set<UUID> cancelRequested(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(dsl.select(ID).from(JOB).where(ID.in(ids)).and(CANCEL.isTrue()).fetch(ID));
	}

	/** Ends a job {@code host} holds. A null message keeps what the handler reported. */
	boolean finish(UUID id, String host, JobStatus status, String message, String friendlyMessage) {
		OffsetDateTime now = now();
		Map<Field<?>, Object> values = new HashMap<>();
		values.put(STATE, JobStatus.COMPLETED);
		values.put(STATUS, status.statusCode());
		values.put(COMPLETED, now);
		values.put(LEASE, null);
		if (message != null) {
			values.put(MESSAGE, truncate(message, MESSAGE_LENGTH));
			values.put(FRIENDLY, truncate(friendlyMessage, FRIENDLY_LENGTH));
		}
		return changed(dsl.update(JOB).set(values), now).where(held(id, host)).execute() == 1;
	}

	/** Cancels a job nobody has claimed yet. */
	boolean cancelWaiting(UUID id, UUID by) {
		OffsetDateTime now = now();
		return changed(dsl.update(JOB)
			.set(STATE, JobStatus.COMPLETED)
			.set(STATUS, JobStatus.Canceled.statusCode())
			.set(CANCEL, true)
			.set(COMPLETED, now)
			.set(MODIFIED_BY, by), now)
			.where(ID.eq(id))
			.and(STATE.in(JobStatus.READY, JobStatus.SUSPENDED))
			.execute() == 1;
	}

	/** Asks the node running the job to stop it. */
	boolean requestCancel(UUID id, UUID by) {
		return changed(dsl.update(JOB)
			.set(CANCEL, true)
			.set(STATUS, JobStatus.Canceling.statusCode())
			.set(MODIFIED_BY, by), now())
			.where(ID.eq(id))
			.and(STATE.eq(JobStatus.LOCKED))
			.execute() == 1;
	}

	/** Puts a failed or canceled job back in the queue, keeping its checkpoint and counts. */
	boolean retry(UUID id, UUID by) {
		return changed(dsl.update(JOB)
			.set(STATE, JobStatus.READY)
			.set(STATUS, JobStatus.Waiting.statusCode())
			.set(RETRIES, coalesce(RETRIES, val(0)).plus(1))
			.set(CANCEL, false)
			.set(COMPLETED, (OffsetDateTime) null)
			.set(LEASE, (OffsetDateTime) null)
			.set(MESSAGE, (String) null)
			.set(FRIENDLY, (String) null)
			.set(MODIFIED_BY, by), now())
			.where(ID.eq(id))
			.and(STATUS.in(JobStatus.Failed.statusCode(), JobStatus.Canceled.statusCode()))
			.execute() == 1;
	}

	private static Condition held(UUID id, String host) {
		return ID.eq(id).and(HOST.eq(host)).and(STATE.eq(JobStatus.LOCKED));
	}

	/** Every change but a lease renewal is a new version of the record (its ETag changes). */
	private static UpdateSetMoreStep<?> changed(UpdateSetMoreStep<?> update, OffsetDateTime now) {
		return update.set(VERSION, VERSION.plus(1)).set(MODIFIED, now);
	}

	private static long count(Long value) {
		return value == null ? 0 : value;
	}

	static String truncate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}
}
