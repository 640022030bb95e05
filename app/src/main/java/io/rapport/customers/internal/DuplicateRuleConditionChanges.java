package io.rapport.customers.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;

/**
 * A condition compares attributes that exist on its rule's entities, with an operator that fits them; the conditions
 * of a published rule do not change (unpublish it first), except when the rule itself is deleted.
 */
@Component
class DuplicateRuleConditionChanges implements PipelineHandler {

	private final Metadata metadata;
	private final Queries queries;

	DuplicateRuleConditionChanges(Metadata metadata, Queries queries) {
		this.metadata = metadata;
		this.queries = queries;
	}

	@Override
	public String entity() {
		return DuplicateRuleDefinition.CONDITION;
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update, Message.Delete);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		if (context.message() == Message.Delete && context.depth() > 0) {
			return;
		}
		UUID before = context.preImage() == null ? null : DuplicateRuleDefinition.ruleOf(context.preImage().get("regardingobjectid"));
		UUID after = context.message() == Message.Delete ? null : DuplicateRuleDefinition.ruleOf(context.valueAfter("regardingobjectid"));
		if (before != null) {
			requireUnpublished(context, before);
		}
		if (after == null) {
			return;
		}
		EntityRecord rule = requireUnpublished(context, after);
		if (!Objects.equals(before, after) || context.message() == Message.Create || changesDefinition(context)) {
			EntityRecord condition = new EntityRecord(DuplicateRuleDefinition.CONDITION);
			for (String attribute : List.of("baseattributename", "matchingattributename", "operatorcode", "operatorparam",
					"ignoreblankvalues")) {
				condition.set(attribute, context.valueAfter(attribute));
			}
			DuplicateRuleDefinition.condition(
					DuplicateRuleDefinition.entity(metadata, "baseentityname", rule.getString("baseentityname")),
					DuplicateRuleDefinition.entity(metadata, "matchingentityname", rule.getString("matchingentityname")), condition);
		}
	}

	private EntityRecord requireUnpublished(PipelineContext context, UUID ruleId) {
		EntityRecord rule = queries.retrieve(context.principal(), DuplicateRuleDefinition.RULE, ruleId,
				List.of("statecode", "baseentityname", "matchingentityname"))
			.orElseThrow(() -> RapportException.invalid("regardingobjectid", "the duplicate rule " + ruleId + " does not exist"));
		if (Objects.equals(rule.get("statecode"), DuplicateRuleDefinition.PUBLISHED)) {
			throw new RapportException(409, "DuplicateRulePublished",
					"The rule is published; unpublish it before changing its conditions.");
		}
		return rule;
	}

	private static boolean changesDefinition(PipelineContext context) {
		return context.target() != null && context.target().values().keySet().stream().anyMatch(a -> !a.equals("regardingobjectid"));
	}
}
