package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.rapport.metadata.EntityDefinition;
import io.rapport.query.Criterion;

/**
 * A published duplicate detection rule: a record of the base entity duplicates a record of the matching entity when
 * every condition holds.
 */
record DuplicateRule(UUID id, String name, EntityDefinition base, EntityDefinition matching, boolean caseSensitive,
		boolean excludeInactive, List<RuleCondition> conditions) {

	DuplicateRule {
		conditions = List.copyOf(conditions);
	}

	/** The condition every match meets, or empty when a blank value the rule ignores means nothing can match. */
	Optional<Criterion> criterion(Function<String, Object> values) {
		List<Criterion> parts = new ArrayList<>();
		for (RuleCondition c : conditions) {
			Optional<Criterion> part = c.criterion(values.apply(c.base().logicalName()));
			if (part.isEmpty()) {
				return Optional.empty();
			}
			parts.add(part.get());
		}
		return Optional.of(Criterion.and(parts.toArray(Criterion[]::new)));
	}

	/** The base record's key: what a matching record's {@link #matchingKey} equals when it is a duplicate. */
	Optional<List<Object>> baseKey(Function<String, Object> values) {
		List<Object> key = new ArrayList<>();
		for (RuleCondition c : conditions) {
			Optional<Object> part = c.key(values.apply(c.base().logicalName()), caseSensitive);
			if (part.isEmpty()) {
				return Optional.empty();
			}
			key.add(part.get());
		}
		return Optional.of(key);
	}

	Optional<List<Object>> matchingKey(Function<String, Object> values) {
		List<Object> key = new ArrayList<>();
		for (RuleCondition c : conditions) {
			Optional<Object> part = c.key(values.apply(c.matching().logicalName()), caseSensitive);
			if (part.isEmpty()) {
				return Optional.empty();
			}
			key.add(part.get());
		}
		return Optional.of(key);
	}

	List<String> baseAttributes() {
		return conditions.stream().map(c -> c.base().logicalName()).distinct().toList();
	}

	List<String> matchingAttributes() {
		return conditions.stream().map(c -> c.matching().logicalName()).distinct().toList();
	}

	/** The matching attributes an index serves, equality comparisons first so that ranges come last. */
	List<String> indexedAttributes() {
		return conditions.stream()
			.filter(c -> c.operator().indexable())
			.sorted(Comparator.comparing(c -> !c.operator().equality()))
			.map(c -> c.matching().logicalName())
			.distinct()
			.toList();
	}

	/** Whether a match can be another record of the same entity than the one checked (then never the record itself). */
	boolean sameEntity() {
		return base.logicalName().equals(matching.logicalName());
	}
}
