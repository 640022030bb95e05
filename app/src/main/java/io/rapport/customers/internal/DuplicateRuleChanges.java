package io.rapport.customers.internal;

import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.metadata.Metadata;

/**
 * A duplicate rule names existing entities, starts unpublished (publishing checks it), and keeps what it matches
 * while published: unpublish it to change that.
 */
@Component
class DuplicateRuleChanges implements PipelineHandler {

	private final Metadata metadata;

	DuplicateRuleChanges(Metadata metadata) {
		this.metadata = metadata;
	}

	@Override
	public String entity() {
		return DuplicateRuleDefinition.RULE;
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		if (context.message() == Message.Create
				&& !Objects.equals(context.target().get("statecode"), DuplicateRuleDefinition.UNPUBLISHED)) {
			throw RapportException.invalid("statecode", "a duplicate rule is created unpublished; publish it once its conditions are added");
		}
		if (context.message() == Message.Update
				&& Objects.equals(context.preImage().get("statecode"), DuplicateRuleDefinition.PUBLISHED)) {
			for (String attribute : DuplicateRuleDefinition.MATCHING_DEFINITION) {
				if (context.target().has(attribute)
						&& !Objects.equals(context.target().get(attribute), context.preImage().get(attribute))) {
					throw new RapportException(409, "DuplicateRulePublished", attribute
							+ ": the rule is published; unpublish it before changing what it matches.",
							java.util.List.of(new RapportException.AttributeError(attribute, "cannot change while the rule is published")));
				}
			}
		}
		for (String attribute : new String[] { "baseentityname", "matchingentityname" }) {
			if (context.target().has(attribute)) {
				DuplicateRuleDefinition.entity(metadata, attribute, context.target().getString(attribute));
			}
		}
	}
}
