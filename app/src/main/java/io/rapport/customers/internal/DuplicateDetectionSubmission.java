package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.customers.DuplicateDetectionJobs;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.query.Query;

@Component
class DuplicateDetectionSubmission implements DuplicateDetectionJobs {

	private final Jobs jobs;
	private final Metadata metadata;
	private final Queries queries;
	private final PublishedRules published;

	DuplicateDetectionSubmission(Jobs jobs, Metadata metadata, Queries queries, PublishedRules published) {
		this.jobs = jobs;
		this.metadata = metadata;
		this.queries = queries;
		this.published = published;
	}

	@Override
	public UUID submit(Principal principal, String jobName, Map<String, Object> query, List<UUID> ruleIds) {
		DuplicateDetectionInput input = new DuplicateDetectionInput(query, ruleIds);
		Query parsed = input.parsed();
		EntityDefinition entity = metadata.find(parsed.entity())
			.orElseThrow(() -> RapportException.invalid("query.entity", "'" + parsed.entity() + "' is not an entity"));
		rules(metadata, published, entity, input.ruleIds());
		// Compiling the query for the principal refuses unknown attributes and operators now, naming them.
		queries.sql(principal, parsed.page(1));
		String name = jobName == null || jobName.isBlank()
				? "Duplicate detection of " + entity.displayCollectionName().toLowerCase() : jobName;
		return jobs.submit(principal, JOB_TYPE, name, input.json());
	}

	/** The published rules a job applies to records of the entity, whose pairs a duplicate record can hold. */
	static List<DuplicateRule> rules(Metadata metadata, PublishedRules published, EntityDefinition entity, List<UUID> ids) {
		List<DuplicateRule> rules = new ArrayList<>();
		if (ids.isEmpty()) {
			rules.addAll(published.forBase(entity.logicalName()));
			if (rules.isEmpty()) {
				throw RapportException.invalid("ruleIds", entity.displayCollectionName()
						+ " have no published duplicate rule; publish one, or name the rules to apply");
			}
		}
		for (UUID id : ids) {
			DuplicateRule rule = published.published(id)
				.orElseThrow(() -> RapportException.invalid("ruleIds", id + " is not a published duplicate rule"));
			if (!rule.base().logicalName().equals(entity.logicalName())) {
				throw RapportException.invalid("ruleIds", "the rule '" + rule.name() + "' checks "
						+ rule.base().displayCollectionName().toLowerCase() + ", not " + entity.displayCollectionName().toLowerCase());
			}
			rules.add(rule);
		}
		List<String> storable = metadata.entity(DuplicateDetectionJob.RESULT).requireAttribute("duplicaterecordid").targets();
		for (DuplicateRule rule : rules) {
			if (!storable.contains(rule.base().logicalName()) || !storable.contains(rule.matching().logicalName())) {
				throw RapportException.invalid("query.entity", "duplicate detection jobs record duplicates of "
						+ String.join(" and ", storable) + " only; the rule '" + rule.name() + "' compares "
						+ rule.base().logicalName() + " with " + rule.matching().logicalName());
			}
		}
		return rules;
	}
}
