package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetectionJobs;
import io.rapport.customers.DuplicateMatch;
import io.rapport.data.Records;
import io.rapport.jobs.JobExecution;
import io.rapport.jobs.JobHandler;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * Finds the duplicates of every record a query matches (Dataverse's BulkDetectDuplicates). The records are read in
 * id order with the owner's principal, a batch at a time; each rule finds the whole batch's duplicates with one query
 * (also run with the owner's principal, so only what they may read is found). Each pair becomes a duplicate record
 * of the job, owned by its owner, stored in the batch's transaction with the checkpoint: a batch counts once, or is
 * done again on resume. Stops at {@link DuplicateDetectionJobs#MAX_RESULTS} duplicates.
 */
@Component
class DuplicateDetectionJob implements JobHandler {

	static final String RESULT = "duplicaterecord";

	private final Records records;
	private final Queries queries;
	private final Metadata metadata;
	private final PublishedRules published;
	private final DuplicateFinder finder;
	private final TransactionTemplate batchTransaction;
	private final int batchSize;

	DuplicateDetectionJob(Records records, Queries queries, Metadata metadata, PublishedRules published,
			DuplicateFinder finder, PlatformTransactionManager transactions,
			@Value("${rapport.duplicates.job-batch-size:200}") int batchSize) {
		this.records = records;
		this.queries = queries;
		this.metadata = metadata;
		this.published = published;
		this.finder = finder;
		this.batchTransaction = new TransactionTemplate(transactions);
		this.batchSize = batchSize;
	}

	@Override
	public String type() {
		return DuplicateDetectionJobs.JOB_TYPE;
	}

	@Override
	public void run(JobExecution execution) {
		DuplicateDetectionInput input = DuplicateDetectionInput.read(execution.input());
		Query query = input.parsed();
		EntityDefinition entity = metadata.entity(query.entity());
		List<DuplicateRule> rules = DuplicateDetectionSubmission.rules(metadata, published, entity, input.ruleIds());
		Principal owner = execution.principal();
		Query batches = batches(entity, query, rules);
		DuplicateDetectionCheckpoint checkpoint = execution.checkpoint().map(DuplicateDetectionCheckpoint::read)
			.orElseGet(() -> start(execution, batches));
		while (!execution.cancelRequested() && checkpoint.stored() < DuplicateDetectionJobs.MAX_RESULTS) {
			List<EntityRecord> batch = distinct(queries.execute(owner, after(entity, batches, checkpoint.last())).records());
			if (batch.isEmpty()) {
				break;
			}
			DuplicateDetectionCheckpoint before = checkpoint;
			checkpoint = batchTransaction.execute(s -> detect(execution, entity, rules, batch, before));
		}
		execution.message(checkpoint.message(DuplicateDetectionJobs.MAX_RESULTS));
	}

	/** The query's records in id order, with the attributes the rules compare. */
	private Query batches(EntityDefinition entity, Query query, List<DuplicateRule> rules) {
		Set<String> columns = new LinkedHashSet<>();
		columns.add(entity.primaryIdAttribute());
		rules.forEach(r -> columns.addAll(r.baseAttributes()));
		return new Query(entity.logicalName(), List.copyOf(columns), query.filter(), query.links(),
				List.of(Order.asc(entity.primaryIdAttribute())), batchSize, null, false, false);
	}

	private static Query after(EntityDefinition entity, Query batches, UUID last) {
		return last == null ? batches : batches.where(Criterion.where(entity.primaryIdAttribute(), Operator.Gt, last));
	}

	/** The first run counts the records to check, exactly (counting each once when the query's links repeat it). */
	private DuplicateDetectionCheckpoint start(JobExecution execution, Query batches) {
		long total = 0;
		UUID last = null;
		Query ids = batches.select(batches.columns().get(0)).page(Query.MAX_PAGE_SIZE);
		EntityDefinition entity = metadata.entity(batches.entity());
		while (true) {
			RecordPage page = queries.execute(execution.principal(), after(entity, ids, last));
			List<EntityRecord> distinct = distinct(page.records());
			total += distinct.size();
			if (distinct.isEmpty() || !page.moreRecords()) {
				break;
			}
			last = distinct.get(distinct.size() - 1).id();
		}
		DuplicateDetectionCheckpoint first = DuplicateDetectionCheckpoint.start(total);
		execution.checkpoint(first.json(), first.progress());
		return first;
	}

	private static List<EntityRecord> distinct(List<EntityRecord> page) {
		Map<UUID, EntityRecord> byId = new LinkedHashMap<>();
		page.forEach(r -> byId.putIfAbsent(r.id(), r));
		return new ArrayList<>(byId.values());
	}

	private DuplicateDetectionCheckpoint detect(JobExecution execution, EntityDefinition entity, List<DuplicateRule> rules,
			List<EntityRecord> batch, DuplicateDetectionCheckpoint at) {
		Principal owner = execution.principal();
		long room = DuplicateDetectionJobs.MAX_RESULTS - at.stored();
		Map<UUID, Set<RecordRef>> found = new LinkedHashMap<>();
		long added = 0;
		for (DuplicateRule rule : rules) {
			for (Map.Entry<UUID, List<DuplicateMatch>> pairs : finder.findAll(owner, rule, batch, (int) (room - added)).entrySet()) {
				for (DuplicateMatch match : pairs.getValue()) {
					if (added < room && found.computeIfAbsent(pairs.getKey(), b -> new HashSet<>()).add(match.record())) {
						store(execution, new RecordRef(entity.logicalName(), pairs.getKey()), match);
						added++;
					}
				}
			}
		}
		DuplicateDetectionCheckpoint next = at.after(batch.get(batch.size() - 1).id(), batch.size(), found.size(), added);
		execution.checkpoint(next.json(), next.progress());
		return next;
	}

	/** Written as the platform: the owner may not append to system jobs, but owns the result. */
	private void store(JobExecution execution, RecordRef base, DuplicateMatch match) {
		records.create(Principal.systemPrincipal(), new EntityRecord(RESULT)
			.set("baserecordid", base)
			.set("duplicaterecordid", match.record())
			.set("duplicateruleid", new RecordRef(DuplicateRuleDefinition.RULE, match.ruleId()))
			.set("asyncoperationid", new RecordRef(Jobs.ENTITY, execution.jobId()))
			.set("ownerid", new RecordRef("systemuser", execution.principal().userId())));
	}
}
