package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import io.rapport.core.RapportException;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.query.Criterion;

/**
 * The filter editor's rows: where the condition's attribute lives (the list's own entity, the record a lookup points
 * at, or related records pointing at this one), which operators an attribute's type offers and what kind of value
 * each one takes.
 */
final class FilterRows {

	private FilterRows() {
	}

	/** A row of the editor; {@code group} is the key of the group it is in ({@link ListState#TOP} for the top). */
	record Row(String group, String relation, List<Relation> relations, List<AttributeDefinition> attributes,
			String attribute, String operator, String value, Map<String, String> operators, String valueKind,
			List<OptionDefinition> options, String key) {
	}

	/**
	 * A group of the editor: its key, the key of the group it is in, and/or, its rows and the groups inside it;
	 * {@code fresh} for one just added, whose and/or choice takes the focus.
	 */
	record GroupRows(String key, String parent, boolean or, List<Row> rows, List<GroupRows> groups, boolean fresh) {
	}

	/** A key for a group added in the page, apart from the numbers a page's own groups have. */
	static String groupKey() {
		return "g" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
	}

	/**
	 * Where a condition's attribute lives. {@code key} is what the row's {@code fr} field carries: empty for the list's
	 * own entity, {@code n1:lookup:target} for the record a lookup points at (N:1), {@code 1n:entity:attribute} for
	 * records of another entity whose lookup points at this record (1:N). Both related kinds become the query model's
	 * {@link Criterion.Exists}, as the API's {@code lookup/attribute} and {@code nav/any(…)} filters do, so the related
	 * records are only those the user may read.
	 */
	record Relation(String key, String label, EntityDefinition target, String via, boolean toMany) {

		boolean own() {
			return key.isEmpty();
		}

		/** The condition on the target's attribute, as a criterion on the list's entity. */
		Criterion wrap(EntityDefinition entity, Criterion inner) {
			if (own()) {
				return inner;
			}
			return toMany ? new Criterion.Exists(target.logicalName(), via, entity.primaryIdAttribute(), inner)
					: new Criterion.Exists(target.logicalName(), target.primaryIdAttribute(), via, inner);
		}
	}

	static Relation own(EntityDefinition entity) {
		return new Relation("", "This " + entity.displayName().toLowerCase(), entity, null, false);
	}

	/**
	 * The relations the editor offers on {@code entity}: its own attributes, each readable lookup's target entities and
	 * each 1:N relationship whose entity the user may read.
	 */
	static List<Relation> relations(Metadata metadata, EntityDefinition entity, Set<String> readable,
			BiPredicate<EntityDefinition, AttributeDefinition> canRead) {
		Map<String, Relation> found = new LinkedHashMap<>();
		found.put("", own(entity));
		List<Relation> lookups = new ArrayList<>();
		for (AttributeDefinition a : entity.attributes()) {
			if (!a.type().isReference() || !canRead.test(entity, a) || a.logicalName().equals(entity.primaryIdAttribute())) {
				continue;
			}
			for (String t : a.targets()) {
				EntityDefinition target = metadata.find(t).orElse(null);
				if (target != null && readable.contains(t)) {
					lookups.add(new Relation("n1:" + a.logicalName() + ":" + t, a.displayName()
							+ (a.targets().size() > 1 ? " (" + target.displayName() + ")" : "") + " \u2192", target,
							a.logicalName(), false));
				}
			}
		}
		lookups.sort(Comparator.comparing(Relation::label));
		List<Relation> children = new ArrayList<>();
		for (RelationshipDefinition r : metadata.oneToManyFrom(entity.logicalName())) {
			EntityDefinition child = metadata.find(r.referencingEntity()).orElse(null);
			AttributeDefinition via = child == null ? null : child.attribute(r.referencingAttribute()).orElse(null);
			if (via != null && readable.contains(child.logicalName()) && canRead.test(child, via)) {
				children.add(new Relation("1n:" + child.logicalName() + ":" + via.logicalName(), "Has "
						+ child.displayCollectionName() + " (" + via.displayName() + ") where", child, via.logicalName(), true));
			}
		}
		children.sort(Comparator.comparing(Relation::label));
		lookups.forEach(r -> found.putIfAbsent(r.key(), r));
		children.forEach(r -> found.putIfAbsent(r.key(), r));
		return List.copyOf(found.values());
	}

	/** The relation named by a row's {@code fr} field, among those offered; anything else is refused (400). */
	static Relation relation(List<Relation> offered, String key) {
		String k = key == null ? "" : key.trim();
		return offered.stream().filter(r -> r.key().equals(k)).findFirst()
			.orElseThrow(() -> RapportException.invalid("fr", "'" + k + "' is not a related entity you can filter on here"));
	}

	/** The key of the relation a saved related-entity criterion uses, or null when it is not one the editor makes. */
	static String key(Metadata metadata, EntityDefinition entity, Criterion.Exists x) {
		EntityDefinition target = metadata.find(x.entity()).orElse(null);
		if (target == null) {
			return null;
		}
		if (x.attribute().equals(target.primaryIdAttribute())) {
			return "n1:" + x.parentAttribute() + ":" + target.logicalName();
		}
		if (x.parentAttribute().equals(entity.primaryIdAttribute())) {
			return "1n:" + target.logicalName() + ":" + x.attribute();
		}
		return null;
	}

	private static final java.util.concurrent.atomic.AtomicLong KEYS = new java.util.concurrent.atomic.AtomicLong();

	/** A key unique in the page for the row's label/input pairs, even for rows added later by htmx. */
	private static String key() {
		return Long.toString(KEYS.incrementAndGet(), 36);
	}

	static Map<String, String> operators(AttributeDefinition a) {
		Map<String, String> ops = new LinkedHashMap<>();
		AttributeType t = a.type();
		if (t == AttributeType.String || t == AttributeType.Memo) {
			ops.put("Eq", "equals");
			ops.put("Ne", "does not equal");
			ops.put("BeginsWith", "begins with");
			ops.put("Contains", "contains");
			ops.put("EndsWith", "ends with");
		} else if (t.isNumeric()) {
			ops.put("Eq", "equals");
			ops.put("Ne", "does not equal");
			ops.put("Gt", "is greater than");
			ops.put("Ge", "is greater than or equal to");
			ops.put("Lt", "is less than");
			ops.put("Le", "is less than or equal to");
		} else if (t.isTemporal()) {
			ops.put("On", "on");
			ops.put("OnOrAfter", "on or after");
			ops.put("OnOrBefore", "on or before");
			ops.put("LastXDays", "in the last N days");
			ops.put("NextXDays", "in the next N days");
			ops.put("Today", "today");
		} else if (t.isChoice()) {
			ops.put("Eq", "equals");
			ops.put("Ne", "does not equal");
		} else if (t == AttributeType.Boolean) {
			ops.put("Eq", "equals");
		} else if (t.isReference()) {
			if (a.targets().contains("systemuser")) {
				ops.put("EqUserId", "equals current user");
				ops.put("NeUserId", "does not equal current user");
			}
		} else {
			return ops;
		}
		if (a.type() != AttributeType.Boolean && a.type() != AttributeType.Owner && a.type() != AttributeType.State) {
			ops.put("Null", "does not contain data");
			ops.put("NotNull", "contains data");
		}
		return ops;
	}

	/**
	 * One row: {@code attributes} are those of the relation's entity the user may filter on; an attribute not among them
	 * (after the relation changed, say) leaves the row waiting for a choice.
	 */
	static Row row(List<Relation> relations, Relation relation, List<AttributeDefinition> attributes, String group,
			String attribute, String operator, String value) {
		AttributeDefinition a = attribute == null ? null
				: attributes.stream().filter(x -> x.logicalName().equals(attribute)).findFirst().orElse(null);
		if (a == null) {
			return new Row(group, relation.key(), relations, attributes, null, null, "", Map.of(), "none", List.of(), key());
		}
		Map<String, String> ops = operators(a);
		String op = operator != null && ops.containsKey(operator) ? operator : ops.keySet().iterator().next();
		io.rapport.query.Operator o = io.rapport.query.Operator.valueOf(op);
		String kind;
		if (o.arity() == 0) {
			kind = "none";
		} else if (op.equals("LastXDays") || op.equals("NextXDays")) {
			kind = "integer";
		} else if (a.type().isChoice()) {
			kind = "select";
		} else if (a.type() == AttributeType.Boolean) {
			kind = "boolean";
		} else if (a.type().isTemporal()) {
			kind = "date";
		} else if (a.type().isNumeric()) {
			kind = "number";
		} else {
			kind = "text";
		}
		return new Row(group, relation.key(), relations, attributes, a.logicalName(), op, value == null ? "" : value, ops,
				kind, a.options(), key());
	}

	/**
	 * Whether the row shows a condition with this operator and number of values as it is: the attribute is there, the
	 * operator is one the row offers, and a choice or a yes/no value is one of the row's options.
	 */
	static boolean shows(Row row, io.rapport.query.Operator operator, int values) {
		if (row.attribute() == null || !operator.name().equals(row.operator()) || values != operator.arity()) {
			return false;
		}
		return switch (row.valueKind()) {
			case "select" -> row.options().stream().anyMatch(o -> String.valueOf(o.value()).equals(row.value()));
			case "boolean" -> row.value().equals("true") || row.value().equals("false");
			default -> true;
		};
	}
}
