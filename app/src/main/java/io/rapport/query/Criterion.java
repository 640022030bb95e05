package io.rapport.query;

import java.util.List;

/** A filter: a condition on one attribute, or an and/or group of criteria. */
public sealed interface Criterion permits Criterion.Condition, Criterion.Group {

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
