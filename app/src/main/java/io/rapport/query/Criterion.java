package io.rapport.query;

import java.util.List;

/**
 * A filter: a condition on one attribute, an and/or group of criteria, a negation, or the existence of related
 * records.
 */
public sealed interface Criterion permits Criterion.Condition, Criterion.Group, Criterion.Not, Criterion.Exists {

	/**
	 * {@code attribute operator values}. {@code alias} names a linked entity; null means the query's own entity.
	 */
	record Condition(String alias, String attribute, Operator operator, List<Object> values) implements Criterion {
		public Condition {
			values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
		}
	}

	record Group(boolean or, List<Criterion> criteria) implements Criterion {
		public Group {
			criteria = List.copyOf(criteria);
		}
	}

	/** True where the criterion is not true (so rows where it is unknown, such as a comparison with null, match). */
	record Not(Criterion criterion) implements Criterion {
	}

	/**
	 * Whether records of {@code entity} exist whose {@code attribute} points at this row's {@code parentAttribute}
	 * (usually its id), match {@code filter} (may be null) and are readable by the principal: OData's
	 * {@code nav/any(x: …)}. {@code all(x: p)} is {@code not exists(x where not p)}.
	 */
	record Exists(String entity, String attribute, String parentAttribute, Criterion filter) implements Criterion {
	}

	static Condition where(String attribute, Operator operator, Object... values) {
		return new Condition(null, attribute, operator, java.util.Arrays.asList(values));
	}

	static Group and(Criterion... criteria) {
		return new Group(false, List.of(criteria));
	}

	static Group or(Criterion... criteria) {
		return new Group(true, List.of(criteria));
	}
}
