package io.rapport.imports.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.imports.BulkDeletes;
import io.rapport.jobs.JobExecution;
import io.rapport.jobs.JobHandler;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * Runs bulk deletes. Each batch of ids is read with the owner's principal, so the access predicate applies, and each
 * record is deleted through the pipeline in a savepoint of the batch's transaction, so one refused record does not
 * undo the others. The checkpoint is saved in that same transaction: a batch is done and counted exactly once, or not
 * at all and done again when the job resumes.
 */
@Component
class BulkDeleteJob implements JobHandler {

	private final Records records;
	private final Queries queries;
	private final Metadata metadata;
	private final TransactionTemplate batchTransaction;
	private final TransactionTemplate savepoint;
	private final int batchSize;

	BulkDeleteJob(Records records, Queries queries, Metadata metadata, PlatformTransactionManager transactions,
			@Value("${rapport.imports.bulk-delete.batch-size:500}") int batchSize) {
		this.records = records;
		this.queries = queries;
		this.metadata = metadata;
		this.batchTransaction = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.batchSize = batchSize;
	}

	@Override
	public String type() {
		return BulkDeletes.JOB_TYPE;
	}

	@Override
	public void run(JobExecution execution) {
		BulkDeleteTarget target = BulkDeleteTarget.of(metadata, execution.input());
		BulkDeleteCheckpoint checkpoint = execution.checkpoint().map(BulkDeleteCheckpoint::read)
			.orElseGet(() -> start(execution, target));
		Query matching = target.before(checkpoint.cutoffTime(), batchSize);
		while (!execution.cancelRequested()) {
			Set<UUID> ids = nextBatch(execution.principal(), target, matching, checkpoint);
			if (ids.isEmpty()) {
				return;
			}
			BulkDeleteCheckpoint before = checkpoint;
			checkpoint = batchTransaction.execute(status -> deleteBatch(execution, target, ids, before));
		}
	}

	/** The first run fixes the cutoff and counts the records to delete. */
	private BulkDeleteCheckpoint start(JobExecution execution, BulkDeleteTarget target) {
		BulkDeleteCheckpoint first = BulkDeleteCheckpoint.start(execution.startedOn(),
				count(execution.principal(), target.before(execution.startedOn(), Query.MAX_PAGE_SIZE), target));
		execution.checkpoint(first.json(), first.progress());
		return first;
	}

	/**
	 * Exact, also beyond the query engine's count cap, and counting each record once when links repeat it: then it
	 * counts the ids page by page.
	 */
	private long count(Principal principal, Query matching, BulkDeleteTarget target) {
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

	private Set<UUID> nextBatch(Principal principal, BulkDeleteTarget target, Query matching, BulkDeleteCheckpoint at) {
		return distinctIds(queries.execute(principal, target.after(matching, at.last())).records());
	}

	/** A query with links can return a record once per linked row. */
	private static Set<UUID> distinctIds(List<EntityRecord> page) {
		Set<UUID> ids = new LinkedHashSet<>();
		page.stream().map(EntityRecord::id).filter(Objects::nonNull).forEach(ids::add);
		return ids;
	}

	private BulkDeleteCheckpoint deleteBatch(JobExecution execution, BulkDeleteTarget target, Set<UUID> ids,
			BulkDeleteCheckpoint checkpoint) {
		String entity = target.entity().logicalName();
		BulkDeleteCheckpoint at = checkpoint;
		for (UUID id : ids) {
			if (execution.cancelRequested()) {
				break;
			}
			String error = delete(execution.principal(), new RecordRef(entity, id));
			at = error == null ? at.deleted(id) : at.failed(id, entity + " " + id + ": " + error);
		}
		execution.checkpoint(at.json(), at.progress());
		if (at.failed() > checkpoint.failed()) {
			execution.message(at.message());
		}
		return at;
	}

	/** Deletes one record; returns why it could not be deleted, or null. */
	private String delete(Principal principal, RecordRef record) {
		try {
			savepoint.executeWithoutResult(status -> records.delete(principal, record));
			return null;
		} catch (RapportException e) {
			// Already gone, deleted by the cascade of an earlier record or by someone else: what was asked is done.
			return e.status() == 404 ? null : e.getMessage();
		} catch (DataAccessException e) {
			return "other data still refers to it, or it changed while being deleted";
		}
	}
}
