package io.rapport.customers.internal;

import static org.jooq.impl.DSL.name;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
		return candidates(Map.of(rule, keys)).get(rule);
	}

	/**
	 * The candidates of several rules in one statement (one round trip for a record's check by every rule), as the
	 * union of each rule's probe tagged with its place.
	 */
	Map<DuplicateRule, List<UUID>> candidates(Map<DuplicateRule, ? extends Collection<List<Object>>> keysByRule) {
		List<DuplicateRule> rules = List.copyOf(keysByRule.keySet());
		StringBuilder sql = new StringBuilder(128 * rules.size());
		for (int r = 0; r < rules.size(); r++) {
			sql.append(r == 0 ? "" : " union all ").append('(');
			probe(sql, r, rules.get(r), keysByRule.get(rules.get(r)).size());
			sql.append(')');
		}
		// Rendered and bound by hand: building a jOOQ VALUES of a thousand rows cost more than the probe itself.
		return dsl.connectionResult(c -> {
			try (PreparedStatement statement = c.prepareStatement(sql.toString())) {
				int at = 1;
				for (DuplicateRule rule : rules) {
					for (List<Object> key : keysByRule.get(rule)) {
						for (Object part : key) {
							statement.setObject(at++, part);
						}
					}
				}
				Map<DuplicateRule, List<UUID>> ids = new LinkedHashMap<>();
				rules.forEach(rule -> ids.put(rule, new ArrayList<>()));
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						ids.get(rules.get(rs.getInt(1))).add(rs.getObject(2, UUID.class));
					}
				}
				return ids;
			}
		});
	}

	/** One rule's probe, its rows tagged with {@code tag}: the keys as a VALUES list joined on the rule's columns. */
	private void probe(StringBuilder sql, int tag, DuplicateRule rule, int keys) {
		List<RuleCondition> conditions = rule.conditions();
		int width = conditions.size();
		sql.append("select distinct ").append(tag).append(", t.").append(quoted(rule.matching().primaryIdAttribute()))
			.append(" from ").append(quoted(rule.matching().table())).append(" t join (values ");
		String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
		sql.append(String.join(", ", Collections.nCopies(keys, row))).append(") v (");
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
	}

	private String quoted(String identifier) {
		return dsl.render(name(identifier));
	}
}
