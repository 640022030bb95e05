package io.rapport.imports.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.imports.BulkDeletes;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;

@Component
class BulkDeleteSubmission implements BulkDeletes {

	private final Jobs jobs;
	private final Metadata metadata;
	private final Queries queries;

	BulkDeleteSubmission(Jobs jobs, Metadata metadata, Queries queries) {
		this.jobs = jobs;
		this.metadata = metadata;
		this.queries = queries;
	}

	@Override
	public UUID submit(Principal principal, String jobName, Map<String, Object> query) {
		BulkTarget target = BulkTarget.of(metadata, query);
		// Compiling the query for the principal refuses unknown attributes and operators now, naming them.
		queries.sql(principal, target.before(OffsetDateTime.now(ZoneOffset.UTC), 1));
		String name = jobName == null || jobName.isBlank()
				? "Bulk delete of " + target.entity().displayCollectionName().toLowerCase() : jobName;
		return jobs.submit(principal, JOB_TYPE, name, BulkTarget.input(query));
	}
}
