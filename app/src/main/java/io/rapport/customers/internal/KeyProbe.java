package io.rapport.customers.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.RowN;
import org.springframework.stereotype.Component;

/**
 * The candidates of an exact-match duplicate rule for many keys at once: the keys as a {@code VALUES} list joined to
 * the matching entity's table on the rule's columns ({@code lower(column)} for a case-insensitive rule, which the
 * rule's published index serves), so the database probes the index once per key. Or-ing a condition per key instead
 * let PostgreSQL pull the conditions every key shares (the same first name or city across an import) out of the
 * or, and then scan every row with those values.
 * <p>
 * The answer is only a list of ids, read without the access predicate; {@link DuplicateFinder} reads them again as
 * the caller through the query engine, so nobody learns of a record they may not read.
 */
@Component
class KeyProbe {

	/** Candidates a probe returns at most (a key that matches more is a rule on a poor key). */
	static final int MAX_CANDIDATES = 5_000;

	private final DSLContext dsl;

	KeyProbe(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** Whether every condition is an exact match and every key part a value the columns hold as is. */
	boolean serves(DuplicateRule rule, Collection<List<Object>> keys) {
		if (rule.conditions().stream().anyMatch(c -> c.operator() != MatchOperator.ExactMatch
				&& c.operator() != MatchOperator.ExactMatchPickList)) {
			return false;
		}
		for (List<Object> key : keys) {
			for (int i = 0; i < key.size(); i++) {
				Object part = key.get(i);
				boolean text = rule.conditions().get(i).matching().type().isText();
				if (part == RuleCondition.BLANK || (text ? !(part instanceof String) : !(part instanceof Integer || part instanceof UUID))) {
					return false;
				}
			}
		}
		return true;
	}

	List<UUID> candidates(DuplicateRule rule, Collection<List<Object>> keys) {
		List<RuleCondition> conditions = rule.conditions();
		String[] columns = new String[conditions.size()];
		for (int i = 0; i < columns.length; i++) {
			columns[i] = "k" + i;
		}
		List<RowN> rows = new ArrayList<>(keys.size());
		for (List<Object> key : keys) {
			Field<?>[] parts = new Field<?>[key.size()];
			for (int i = 0; i < parts.length; i++) {
				parts[i] = val(key.get(i));
			}
			rows.add(org.jooq.impl.DSL.row(parts));
		}
		var probe = values(rows.toArray(RowN[]::new)).as("v", columns);
		Condition on = org.jooq.impl.DSL.noCondition();
		for (int i = 0; i < conditions.size(); i++) {
			RuleCondition c = conditions.get(i);
			Field<Object> column = field(name("t", c.matching().logicalName()));
			Field<Object> key = field(name("v", columns[i]));
			on = on.and(c.matching().type().isText() && !rule.caseSensitive()
					? lower(column.cast(String.class)).eq(key.cast(String.class))
					: column.eq(key));
		}
		Field<UUID> id = field(name("t", rule.matching().primaryIdAttribute()), UUID.class);
		return dsl.selectDistinct(id)
			.from(table(name(rule.matching().table())).as("t"))
			.join(probe).on(on)
			.limit(MAX_CANDIDATES)
			.fetch(id);
	}
}
