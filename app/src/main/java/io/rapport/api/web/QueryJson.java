package io.rapport.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rapport.core.RapportException;
import io.rapport.query.Criterion;
import io.rapport.query.LinkEntity;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;

/**
 * The JSON form of the query model, for programs that want the full model (nested and/or groups, links, every
 * operator) over HTTP.
 *
 * <pre>
 * {"entity":"contact","columns":["fullname"],
 *  "filter":{"and":[{"attribute":"lastname","operator":"BeginsWith","values":["Sm"]},
 *                   {"or":[{"attribute":"address1_city","operator":"Eq","values":["Oslo"]}, ...]}]},
 *  "links":[{"entity":"account","from":"parentcustomerid","to":"accountid","alias":"company","columns":["name"]}],
 *  "orders":[{"attribute":"fullname","descending":false}],"pageSize":50,"cursor":null,"count":true}
 * </pre>
 */
final class QueryJson {

	private QueryJson() {
	}

	static Query read(Map<String, Object> json) {
		if (json == null || !(json.get("entity") instanceof String entity)) {
			throw RapportException.invalid("entity", "the query needs the logical name of an entity");
		}
		Query q = Query.of(entity).select(strings(json.get("columns"), "columns"));
		if (json.get("filter") != null) {
			q = q.where(criterion(json.get("filter"), "filter"));
		}
		for (Object link : list(json.get("links"), "links")) {
			Map<String, Object> l = map(link, "links");
			q = q.link(new LinkEntity(string(l.get("entity"), "links.entity"), string(l.get("from"), "links.from"),
					string(l.get("to"), "links.to"), Boolean.TRUE.equals(l.get("outer")),
					l.get("alias") == null ? null : string(l.get("alias"), "links.alias"),
					strings(l.get("columns"), "links.columns"),
					l.get("filter") == null ? null : criterion(l.get("filter"), "links.filter")));
		}
		for (Object order : list(json.get("orders"), "orders")) {
			Map<String, Object> o = map(order, "orders");
			q = q.orderBy(new Order(o.get("alias") == null ? null : string(o.get("alias"), "orders.alias"),
					string(o.get("attribute"), "orders.attribute"), Boolean.TRUE.equals(o.get("descending"))));
		}
		if (json.get("pageSize") != null) {
			if (!(json.get("pageSize") instanceof Number n)) {
				throw RapportException.invalid("pageSize", "is not a number");
			}
			q = q.page(n.intValue());
		}
		if (json.get("cursor") != null) {
			q = q.after(string(json.get("cursor"), "cursor"));
		}
		if (Boolean.TRUE.equals(json.get("count"))) {
			q = q.withCount();
		}
		if (Boolean.TRUE.equals(json.get("distinct"))) {
			q = q.withDistinct();
		}
		return q;
	}

	static Criterion criterion(Object json, String path) {
		Map<String, Object> m = map(json, path);
		if (m.containsKey("and") || m.containsKey("or")) {
			boolean or = m.containsKey("or");
			List<Criterion> parts = new ArrayList<>();
			for (Object part : list(m.get(or ? "or" : "and"), path)) {
				parts.add(criterion(part, path + (or ? ".or" : ".and")));
			}
			return new Criterion.Group(or, parts);
		}
		String op = string(m.get("operator"), path + ".operator");
		Operator operator;
		try {
			operator = Operator.valueOf(op);
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(path + ".operator", "'" + op + "' is not an operator");
		}
		Object values = m.get("values");
		List<Object> list = values == null ? List.of() : values instanceof List<?> l ? new ArrayList<>(l) : List.of(values);
		return new Criterion.Condition(m.get("alias") == null ? null : string(m.get("alias"), path + ".alias"),
				string(m.get("attribute"), path + ".attribute"), operator, list);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object o, String path) {
		if (!(o instanceof Map<?, ?> m)) {
			throw RapportException.invalid(path, "expects a JSON object");
		}
		return (Map<String, Object>) m;
	}

	private static List<?> list(Object o, String path) {
		if (o == null) {
			return List.of();
		}
		if (!(o instanceof List<?> l)) {
			throw RapportException.invalid(path, "expects a JSON array");
		}
		return l;
	}

	private static String string(Object o, String path) {
		if (!(o instanceof String s) || s.isBlank()) {
			throw RapportException.invalid(path, "expects a non-empty string");
		}
		return s;
	}

	private static List<String> strings(Object o, String path) {
		List<String> result = new ArrayList<>();
		for (Object v : list(o, path)) {
			result.add(string(v, path));
		}
		return result;
	}
}
