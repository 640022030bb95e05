package io.rapport.imports.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.jobs.JobExecution;
import io.rapport.jobs.JobHandler;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * A job that does one thing to every record a query matches (delete it, assign it). Each batch of ids is read with the
 * owner's principal, so the access predicate applies, and each record is changed through the pipeline in a savepoint
 * of the batch's transaction, so one refused record does not undo the others. The checkpoint is saved in that same
 * transaction: a batch is done and counted exactly once, or not at all and done again when the job resumes.
 */
abstract class BulkRecordJob implements JobHandler {

	/** What the job does to one record, as the job's owner. */
	interface Action {
		void apply(Principal principal, RecordRef record);
	}

	private final Queries queries;
	private final Metadata metadata;
	private final TransactionTemplate batchTransaction;
	private final TransactionTemplate savepoint;
	private final int batchSize;

	BulkRecordJob(Queries queries, Metadata metadata, PlatformTransactionManager transactions, int batchSize) {
		this.queries = queries;
		this.metadata = metadata;
		this.batchTransaction = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.batchSize = batchSize;
	}

	/** The action of this run, made from the job's input (which also holds the query). */
	abstract Action action(JobExecution execution);

	/** What was done to a record, for the job's message: "deleted", "assigned". */
	abstract String verb();

	@Override
	public void run(JobExecution execution) {
		BulkTarget target = BulkTarget.of(metadata, execution.input());
		Action action = action(execution);
		BulkCheckpoint checkpoint = execution.checkpoint().map(BulkCheckpoint::read)
			.orElseGet(() -> start(execution, target));
		Query matching = target.before(checkpoint.cutoffTime(), batchSize);
		while (!execution.cancelRequested()) {
			Set<UUID> ids = nextBatch(execution.principal(), target, matching, checkpoint);
			if (ids.isEmpty()) {
				return;
			}
			BulkCheckpoint before = checkpoint;
			checkpoint = batchTransaction.execute(status -> batch(execution, action, target, ids, before));
		}
	}

	/** The first run fixes the cutoff and counts the records to process. */
	private BulkCheckpoint start(JobExecution execution, BulkTarget target) {
		BulkCheckpoint first = BulkCheckpoint.start(execution.startedOn(),
				count(execution.principal(), target.before(execution.startedOn(), Query.MAX_PAGE_SIZE), target));
		execution.checkpoint(first.json(), first.progress());
		return first;
	}

	/**
	 * Exact, also beyond the query engine's count cap, and counting each record once when links repeat it: then it
	 * counts the ids page by page.
	 */
	private long count(Principal principal, Query matching, BulkTarget target) {
		if (matching.links().isEmpty()) {
			long capped = queries.count(principal, matching);
			if (capped <= Queries.COUNT_CAP) {
				return capped;
			}
		}
		long total = 0;
		UUID last = null;
		while (true) {
			RecordPage page = queries.execute(principal, target.after(matching, last));
			total += distinctIds(page.records()).size();
			if (!page.moreRecords()) {
				return total;
			}
			last = page.records().get(page.records().size() - 1).id();
		}
	}

	private Set<UUID> nextBatch(Principal principal, BulkTarget target, Query matching, BulkCheckpoint at) {
		return distinctIds(queries.execute(principal, target.after(matching, at.last())).records());
	}

	/** A query with links can return a record once per linked row. */
	private static Set<UUID> distinctIds(List<EntityRecord> page) {
		Set<UUID> ids = new LinkedHashSet<>();
		page.stream().map(EntityRecord::id).filter(Objects::nonNull).forEach(ids::add);
		return ids;
	}

	private BulkCheckpoint batch(JobExecution execution, Action action, BulkTarget target, Set<UUID> ids,
			BulkCheckpoint checkpoint) {
		String entity = target.entity().logicalName();
		BulkCheckpoint at = checkpoint;
		for (UUID id : ids) {
			if (execution.cancelRequested()) {
				break;
			}
			String error = apply(execution.principal(), action, new RecordRef(entity, id));
			at = error == null ? at.succeeded(id) : at.failed(id, entity + " " + id + ": " + error);
		}
		execution.checkpoint(at.json(), at.progress());
		if (at.failed() > checkpoint.failed()) {
			execution.message(at.message(verb()));
		}
		return at;
	}

	/** Changes one record; returns why it could not be changed, or null. */
	private String apply(Principal principal, Action action, RecordRef record) {
		try {
			savepoint.executeWithoutResult(status -> action.apply(principal, record));
			return null;
		} catch (RapportException e) {
			// Already gone, deleted by the cascade of an earlier record or by someone else: nothing is left to do.
			return e.status() == 404 ? null : e.getMessage();
		} catch (DataAccessException e) {
			return "other data still refers to it, or it changed while being " + verb();
		}
	}
}
