package io.rapport.customers.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * Publishing a rule (SetState to Active/Published) checks it against metadata, keeps Dataverse's limit of five
 * published rules per base entity, and makes sure an index serves its checks, all in the publishing transaction.
 */
@Component
class DuplicateRulePublishing implements PipelineHandler {

	/** Dataverse's limit of published duplicate rules per base entity. */
	static final int MAX_PUBLISHED_PER_ENTITY = 5;

	private final Metadata metadata;
	private final Queries queries;
	private final Customizations customizations;

	DuplicateRulePublishing(Metadata metadata, Queries queries, Customizations customizations) {
		this.metadata = metadata;
		this.queries = queries;
		this.customizations = customizations;
	}

	@Override
	public String entity() {
		return DuplicateRuleDefinition.RULE;
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.SetState);
	}

	@Override
	public Stage stage() {
		return Stage.PostOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		if (!Objects.equals(context.target().get("statecode"), DuplicateRuleDefinition.PUBLISHED)
				|| Objects.equals(context.preImage().get("statecode"), DuplicateRuleDefinition.PUBLISHED)) {
			return;
		}
		EntityRecord rule = context.preImage();
		List<EntityRecord> conditions = queries.execute(context.principal(), Query.of(DuplicateRuleDefinition.CONDITION)
			.where(Criterion.where("regardingobjectid", Operator.Eq, rule.id()))
			.orderBy(Order.asc("createdon"))
			.page(Query.MAX_PAGE_SIZE)).records();
		DuplicateRule published = DuplicateRuleDefinition.rule(metadata, rule, conditions);
		DuplicateRuleDefinition.publishable(published);
		long others = queries.count(context.principal(), Query.of(DuplicateRuleDefinition.RULE)
			.where(Criterion.where("statecode", Operator.Eq, DuplicateRuleDefinition.PUBLISHED))
			.where(Criterion.where("baseentityname", Operator.Eq, published.base().logicalName()))
			.where(Criterion.where("duplicateruleid", Operator.Ne, rule.id())));
		if (others >= MAX_PUBLISHED_PER_ENTITY) {
			throw new RapportException(409, "PublishedDuplicateRuleLimit", published.base().displayCollectionName()
					+ " already have " + MAX_PUBLISHED_PER_ENTITY + " published duplicate rules, the most allowed; "
					+ "unpublish one before publishing '" + published.name() + "'.");
		}
		customizations.indexForLookups(published.matching().logicalName(), published.indexedAttributes());
	}
}
