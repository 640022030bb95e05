package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateMatch;
import io.rapport.customers.DuplicateRecordsFound;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.RecordFailed;
import io.rapport.data.Stage;

/**
 * Warns before a person creates a record, or changes the attributes a published rule compares, when it may duplicate
 * records they can read: the message is refused with {@link DuplicateRecordsFound}, and goes through when sent again
 * with detection suppressed. Unlike Dataverse's API, which checks only when asked, Rapport checks by default. The
 * platform's own writes (system principal, cascades) are not checked.
 */
@Component
class DuplicateCheck implements PipelineHandler {

	/** Pairs a bulk check reads at most per rule: the first refused record needs only its own. */
	private static final int BULK_MATCHES = 5_000;

	/**
	 * Records whose conditions one query or-s together. PostgreSQL's planner takes time that grows much faster than
	 * the number of or-ed conditions: a thousand three-column conditions took it over a minute to plan, a hundred a
	 * few milliseconds.
	 */
	private static final int RECORDS_PER_QUERY = 100;

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
		if (!checked(context)) {
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

	private boolean checked(PipelineContext context) {
		return !(context.principal().isSystem() || context.depth() > 0 || finder.isSuppressed()
				|| Boolean.TRUE.equals(context.shared().get(DuplicateDetection.SUPPRESS)));
	}

	/**
	 * The set-based check of a bulk create: one query per rule for all the records of one entity and caller (their
	 * conditions or-ed, as the duplicate detection job asks), instead of one per record and rule. The first record in
	 * order that has matches is refused, as a one-by-one check would have refused it. Updates are checked one by one.
	 */
	@Override
	public void handleAll(List<PipelineContext> contexts) {
		Map<List<Object>, List<PipelineContext>> creates = new LinkedHashMap<>();
		for (PipelineContext context : contexts) {
			if (context.message() != Message.Create) {
				try {
					handle(context);
				} catch (io.rapport.core.RapportException e) {
					throw new RecordFailed(context, e);
				}
			} else if (checked(context)) {
				creates.computeIfAbsent(List.of(context.entity().logicalName(), context.principal()), k -> new ArrayList<>())
					.add(context);
			}
		}
		Map<PipelineContext, Map<RecordRef, DuplicateMatch>> found = new LinkedHashMap<>();
		for (List<PipelineContext> group : creates.values()) {
			PipelineContext first = group.get(0);
			List<EntityRecord> targets = group.stream().map(PipelineContext::target).toList();
			Map<UUID, PipelineContext> byId = new HashMap<>();
			group.forEach(c -> byId.put(c.target().id(), c));
			for (DuplicateRule rule : rules.forBase(first.entity().logicalName())) {
				for (int from = 0; from < targets.size(); from += RECORDS_PER_QUERY) {
					List<EntityRecord> chunk = targets.subList(from, Math.min(targets.size(), from + RECORDS_PER_QUERY));
					finder.findAll(first.principal(), rule, chunk, BULK_MATCHES).forEach((id, matches) -> {
						Map<RecordRef, DuplicateMatch> of = found.computeIfAbsent(byId.get(id), c -> new LinkedHashMap<>());
						matches.stream().limit(DuplicateFinder.MATCHES_PER_RULE).forEach(m -> of.putIfAbsent(m.record(), m));
					});
				}
			}
		}
		for (PipelineContext context : contexts) {
			Map<RecordRef, DuplicateMatch> matches = found.get(context);
			if (matches != null && !matches.isEmpty()) {
				throw new RecordFailed(context, new DuplicateRecordsFound(context.entity().displayName(), List.copyOf(matches.values())));
			}
		}
	}

	private static boolean changes(PipelineContext context, String attribute) {
		return context.target().has(attribute)
				&& !Objects.equals(context.target().get(attribute), context.preImage().get(attribute));
	}
}
