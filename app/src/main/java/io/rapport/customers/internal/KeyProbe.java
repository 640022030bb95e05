package io.rapport.customers.internal;

import static org.jooq.impl.DSL.name;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
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
		int width = conditions.size();
		StringBuilder sql = new StringBuilder(64 + keys.size() * (3 * width + 4))
			.append("select distinct t.").append(quoted(rule.matching().primaryIdAttribute()))
			.append(" from ").append(quoted(rule.matching().table())).append(" t join (values ");
		String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
		sql.append(String.join(", ", Collections.nCopies(keys.size(), row))).append(") v (");
		for (int i = 0; i < width; i++) {
			sql.append(i == 0 ? "" : ", ").append("k").append(i);
		}
		sql.append(") on ");
		for (int i = 0; i < width; i++) {
			RuleCondition c = conditions.get(i);
			String column = "t." + quoted(c.matching().logicalName());
			sql.append(i == 0 ? "" : " and ")
				.append(c.matching().type().isText() && !rule.caseSensitive() ? "lower(" + column + ")" : column)
				.append(" = v.k").append(i);
		}
		sql.append(" fetch first ").append(MAX_CANDIDATES).append(" rows only");
		// Rendered and bound by hand: building a jOOQ VALUES of a thousand rows cost more than the probe itself.
		return dsl.connectionResult(c -> {
			try (PreparedStatement statement = c.prepareStatement(sql.toString())) {
				int at = 1;
				for (List<Object> key : keys) {
					for (Object part : key) {
						statement.setObject(at++, part);
					}
				}
				List<UUID> ids = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						ids.add(rs.getObject(1, UUID.class));
					}
				}
				return ids;
			}
		});
	}

	private String quoted(String identifier) {
		return dsl.render(name(identifier));
	}
}
