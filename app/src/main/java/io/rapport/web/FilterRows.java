package io.rapport.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.OptionDefinition;

/** The filter editor's rows: which operators an attribute's type offers and what kind of value each one takes. */
final class FilterRows {

	private FilterRows() {
	}

	record Row(String attribute, String operator, String value, Map<String, String> operators, String valueKind,
			List<OptionDefinition> options, String key) {
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

	static Row row(EntityDefinition entity, String attribute, String operator, String value) {
		AttributeDefinition a = attribute == null ? null : entity.attribute(attribute).orElse(null);
		if (a == null) {
			return new Row(null, null, "", Map.of(), "none", List.of(), key());
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
		return new Row(a.logicalName(), op, value == null ? "" : value, ops, kind, a.options(), key());
	}
}
