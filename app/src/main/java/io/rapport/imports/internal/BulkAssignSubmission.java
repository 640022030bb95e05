package io.rapport.imports.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.imports.BulkAssigns;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;

@Component
class BulkAssignSubmission implements BulkAssigns {

	private final Jobs jobs;
	private final Metadata metadata;
	private final Queries queries;

	BulkAssignSubmission(Jobs jobs, Metadata metadata, Queries queries) {
		this.jobs = jobs;
		this.metadata = metadata;
		this.queries = queries;
	}

	@Override
	public UUID submit(Principal principal, String jobName, Map<String, Object> query, RecordRef owner) {
		BulkTarget target = BulkTarget.of(metadata, query);
		if (target.entity().attribute("ownerid").isEmpty()) {
			throw RapportException.invalid("query.entity", target.entity().displayCollectionName() + " have no owner to assign");
		}
		if (owner == null || !(owner.entity().equals("systemuser") || owner.entity().equals("team"))) {
			throw RapportException.invalid("owner", "choose a user or a team as the new owner");
		}
		// The new owner must be one the principal can see; compiling the query refuses unknown attributes now.
		if (queries.retrieve(principal, owner.entity(), owner.id(), java.util.List.of()).isEmpty()) {
			throw RapportException.invalid("owner", "choose a user or a team as the new owner");
		}
		queries.sql(principal, target.before(OffsetDateTime.now(ZoneOffset.UTC), 1));
		String name = jobName == null || jobName.isBlank()
				? "Assign " + target.entity().displayCollectionName().toLowerCase() : jobName;
		return jobs.submit(principal, JOB_TYPE, name, BulkAssignJob.input(query, owner));
	}
}
