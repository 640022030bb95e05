package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.RecordChanged;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * The published duplicate rules, read once and kept: a check on create must not read the rules each time. Forgotten
 * when a rule or condition changes on this node (after its transaction commits), and re-read at least every few
 * seconds to pick up changes made on other nodes.
 */
@Component
class PublishedRules {

	private static final Logger log = LoggerFactory.getLogger(PublishedRules.class);

	private record Snapshot(Map<String, List<DuplicateRule>> byBase, Map<UUID, DuplicateRule> byId, long generation,
			long loadedAt) {
	}

	private final Queries queries;
	private final Metadata metadata;
	private final long maxAgeNanos;
	private final AtomicLong generation = new AtomicLong();
	private volatile Snapshot snapshot;

	PublishedRules(Queries queries, Metadata metadata, @Value("${rapport.duplicates.rules-refresh-ms:5000}") long refreshMillis) {
		this.queries = queries;
		this.metadata = metadata;
		this.maxAgeNanos = refreshMillis * 1_000_000L;
	}

	/** The published rules whose base entity is the given one, in creation order. */
	List<DuplicateRule> forBase(String entity) {
		return current().byBase().getOrDefault(entity, List.of());
	}

	List<DuplicateRule> all() {
		return List.copyOf(current().byId().values());
	}

	Optional<DuplicateRule> published(UUID id) {
		return Optional.ofNullable(current().byId().get(id));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(RecordChanged changed) {
		String entity = changed.record().entity();
		if (entity.equals(DuplicateRuleDefinition.RULE) || entity.equals(DuplicateRuleDefinition.CONDITION)) {
			generation.incrementAndGet();
		}
	}

	private Snapshot current() {
		Snapshot s = snapshot;
		long now = System.nanoTime();
		if (s != null && s.generation() == generation.get() && now - s.loadedAt() < maxAgeNanos) {
			return s;
		}
		long at = generation.get();
		Snapshot loaded = load(at, now);
		if (generation.get() == at) {
			snapshot = loaded;
		}
		return loaded;
	}

	/** Reads the rules as the platform: they are configuration every check applies, whoever the caller is. */
	private Snapshot load(long at, long now) {
		Principal system = Principal.systemPrincipal();
		List<EntityRecord> rules = queries.execute(system, Query.of(DuplicateRuleDefinition.RULE)
			.where(Criterion.where("statecode", Operator.Eq, DuplicateRuleDefinition.PUBLISHED))
			.orderBy(Order.asc("createdon"))
			.page(Query.MAX_PAGE_SIZE)).records();
		Map<UUID, List<EntityRecord>> conditions = new HashMap<>();
		if (!rules.isEmpty()) {
			Query q = Query.of(DuplicateRuleDefinition.CONDITION)
				.where(new Criterion.Condition(null, "regardingobjectid", Operator.In, rules.stream().map(r -> (Object) r.id()).toList()))
				.orderBy(Order.asc("createdon"))
				.page(Query.MAX_PAGE_SIZE);
			for (EntityRecord c : queries.execute(system, q).records()) {
				conditions.computeIfAbsent(((RecordRef) c.get("regardingobjectid")).id(), k -> new ArrayList<>()).add(c);
			}
		}
		Map<String, List<DuplicateRule>> byBase = new LinkedHashMap<>();
		Map<UUID, DuplicateRule> byId = new LinkedHashMap<>();
		for (EntityRecord r : rules) {
			try {
				DuplicateRule rule = DuplicateRuleDefinition.rule(metadata, r, conditions.getOrDefault(r.id(), List.of()));
				if (!rule.conditions().isEmpty()) {
					byBase.computeIfAbsent(rule.base().logicalName(), k -> new ArrayList<>()).add(rule);
					byId.put(rule.id(), rule);
				}
			} catch (RapportException e) {
				log.warn("The published duplicate rule {} is not applied: {}", r.id(), e.getMessage());
			}
		}
		return new Snapshot(byBase, byId, at, now);
	}
}
