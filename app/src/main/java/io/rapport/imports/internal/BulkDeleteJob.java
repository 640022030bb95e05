package io.rapport.imports.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.rapport.data.Records;
import io.rapport.imports.BulkDeletes;
import io.rapport.jobs.JobExecution;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;

/** Runs bulk deletes: every matching record is deleted through the pipeline, so cascades, checks and audit apply. */
@Component
class BulkDeleteJob extends BulkRecordJob {

	private final Records records;

	BulkDeleteJob(Records records, Queries queries, Metadata metadata, PlatformTransactionManager transactions,
			@Value("${rapport.imports.bulk-delete.batch-size:500}") int batchSize) {
		super(queries, metadata, transactions, batchSize);
		this.records = records;
	}

	@Override
	public String type() {
		return BulkDeletes.JOB_TYPE;
	}

	@Override
	Action action(JobExecution execution) {
		return records::delete;
	}

	@Override
	String verb() {
		return "deleted";
	}
}
