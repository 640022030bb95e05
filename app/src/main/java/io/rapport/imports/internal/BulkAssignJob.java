package io.rapport.imports.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.imports.BulkAssigns;
import io.rapport.jobs.JobExecution;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Runs bulk assigns: every matching record is assigned through the pipeline, which checks Assign on each. */
@Component
class BulkAssignJob extends BulkRecordJob {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Records records;

	BulkAssignJob(Records records, Queries queries, Metadata metadata, PlatformTransactionManager transactions,
			@Value("${rapport.imports.bulk-delete.batch-size:500}") int batchSize) {
		super(queries, metadata, transactions, batchSize);
		this.records = records;
	}

	/** The job's input: the query as a bulk delete stores it, and the owner. */
	static String input(Map<String, Object> query, RecordRef owner) {
		return JSON.writeValueAsString(Map.of("query", query, "owner",
				Map.of("entity", owner.entity(), "id", owner.id().toString())));
	}

	static RecordRef owner(String input) {
		try {
			Object owner = input == null ? null : JSON.readValue(input, Map.class).get("owner");
			if (owner instanceof Map<?, ?> m && m.get("entity") instanceof String entity && m.get("id") instanceof String id) {
				return new RecordRef(entity, UUID.fromString(id));
			}
		} catch (JacksonException | IllegalArgumentException e) {
			// reported below
		}
		throw RapportException.invalid("owner", "the bulk assign job has no owner in its input");
	}

	@Override
	public String type() {
		return BulkAssigns.JOB_TYPE;
	}

	@Override
	Action action(JobExecution execution) {
		RecordRef owner = owner(execution.input());
		return (principal, record) -> records.assign(principal, record, owner);
	}

	@Override
	String verb() {
		return "assigned";
	}
}
