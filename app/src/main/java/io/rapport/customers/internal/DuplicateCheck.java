package io.rapport.customers.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateMatch;
import io.rapport.customers.DuplicateRecordsFound;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/**
 * Warns before a person creates a record, or changes the attributes a published rule compares, when it may duplicate
 * records they can read: the message is refused with {@link DuplicateRecordsFound}, and goes through when sent again
 * with detection suppressed. Unlike Dataverse's API, which checks only when asked, Rapport checks by default. The
 * platform's own writes (system principal, cascades) are not checked.
 */
@Component
class DuplicateCheck implements PipelineHandler {

	private final PublishedRules rules;
	private final DuplicateFinder finder;

	DuplicateCheck(PublishedRules rules, DuplicateFinder finder) {
		this.rules = rules;
		this.finder = finder;
	}

	@Override
	public String entity() {
		return "*";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update);
	}

	@Override
	public Stage stage() {
		return Stage.PreOperation;
	}

	/** After the rules that complete the record (a contact's full name), just before it is written. */
	@Override
	public int order() {
		return Integer.MAX_VALUE - 100;
	}

	@Override
	public void handle(PipelineContext context) {
		if (context.principal().isSystem() || context.depth() > 0 || finder.isSuppressed()
				|| Boolean.TRUE.equals(context.shared().get(DuplicateDetection.SUPPRESS))) {
			return;
		}
		List<DuplicateRule> applying = rules.forBase(context.entity().logicalName());
		if (context.message() == Message.Update) {
			applying = applying.stream().filter(r -> r.baseAttributes().stream().anyMatch(a -> changes(context, a))).toList();
		}
		if (applying.isEmpty()) {
			return;
		}
		List<DuplicateMatch> matches = finder.find(context.principal(), context::valueAfter, context.ref().id(), applying);
		if (!matches.isEmpty()) {
			throw new DuplicateRecordsFound(context.entity().displayName(), matches);
		}
	}

	private static boolean changes(PipelineContext context, String attribute) {
		return context.target().has(attribute)
				&& !Objects.equals(context.target().get(attribute), context.preImage().get(attribute));
	}
}
