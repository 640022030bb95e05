package io.rapport.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;

/**
 * The JSON form of the query model, for programs that want the full model (nested and/or groups, links, every
 * operator) over HTTP and for jobs that store a query as their input. Every refusal names the field at fault.
 *
 * <pre>
 * {"entity":"contact","columns":["fullname"],
 *  "filter":{"and":[{"attribute":"lastname","operator":"BeginsWith","values":["Sm"]},
 *                   {"or":[{"attribute":"address1_city","operator":"Eq","values":["Oslo"]}, ...]}]},
 *  "links":[{"entity":"account","from":"parentcustomerid","to":"accountid","alias":"company","columns":["name"]}],
 *  "orders":[{"attribute":"fullname","descending":false}],"pageSize":50,"cursor":null,"count":true}
 * </pre>
 * A criterion may also be {@code {"not":{…}}} or {@code {"exists":{"entity":"contact","attribute":"parentcustomerid",
 * "parentAttribute":"accountid","filter":{…}}}}: related records the principal may read exist ({@link Criterion.Exists}).
 * {@link #write(Criterion)} gives the same form back.
 */
public final class QueryJson {

	private QueryJson() {
	}

	public static Query read(Map<String, Object> json) {
		return read(json, "");
	}

	/** Reads a query found at {@code path} of a larger document, so that errors name the field as the caller sent it. */
	public static Query read(Map<String, Object> json, String path) {
		if (json == null || !(json.get("entity") instanceof String entity) || entity.isBlank()) {
			throw RapportException.invalid(at(path, "entity"), "the query needs the logical name of an entity");
		}
		Query q = Query.of(entity).select(strings(json.get("columns"), at(path, "columns")));
		if (json.get("filter") != null) {
			q = q.where(criterion(json.get("filter"), at(path, "filter")));
		}
		for (Object link : list(json.get("links"), at(path, "links"))) {
			String p = at(path, "links");
			Map<String, Object> l = map(link, p);
			q = q.link(new LinkEntity(string(l.get("entity"), p + ".entity"), string(l.get("from"), p + ".from"),
					string(l.get("to"), p + ".to"), Boolean.TRUE.equals(l.get("outer")),
					l.get("alias") == null ? null : string(l.get("alias"), p + ".alias"),
					strings(l.get("columns"), p + ".columns"),
					l.get("filter") == null ? null : criterion(l.get("filter"), p + ".filter")));
		}
		for (Object order : list(json.get("orders"), at(path, "orders"))) {
			String p = at(path, "orders");
			Map<String, Object> o = map(order, p);
			q = q.orderBy(new Order(o.get("alias") == null ? null : string(o.get("alias"), p + ".alias"),
					string(o.get("attribute"), p + ".attribute"), Boolean.TRUE.equals(o.get("descending"))));
		}
		if (json.get("pageSize") != null) {
			if (!(json.get("pageSize") instanceof Number n)) {
				throw RapportException.invalid(at(path, "pageSize"), "is not a number");
			}
			q = q.page(n.intValue());
		}
		if (json.get("cursor") != null) {
			q = q.after(string(json.get("cursor"), at(path, "cursor")));
		}
		if (Boolean.TRUE.equals(json.get("count"))) {
			q = q.withCount();
		}
		if (Boolean.TRUE.equals(json.get("distinct"))) {
			q = q.withDistinct();
		}
		return q;
	}

	/**
	 * The JSON form of a query that {@link #read} reads back as the same query: for storing the query a person is
	 * looking at as a job's input. Page size, cursor and count are left out (a job pages on its own). Values that are
	 * not JSON numbers, booleans or strings are written as text ({@link RecordRef} as its id), as an HTTP client would
	 * send them. Every criterion has a JSON form ({@link #write(Criterion)}), {@code not} and {@code exists} included, so a
	 * job acts on exactly the query the person saw.
	 */
	public static Map<String, Object> write(Query query) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("entity", query.entity());
		json.put("columns", query.columns());
		if (query.filter() != null) {
			json.put("filter", write(query.filter()));
		}
		if (!query.links().isEmpty()) {
			List<Object> links = new ArrayList<>();
			for (LinkEntity l : query.links()) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("entity", l.entity());
				m.put("from", l.from());
				m.put("to", l.to());
				m.put("outer", l.outer());
				if (l.alias() != null) {
					m.put("alias", l.alias());
				}
				m.put("columns", l.columns());
				if (l.filter() != null) {
					m.put("filter", write(l.filter()));
				}
				links.add(m);
			}
			json.put("links", links);
		}
		if (!query.orders().isEmpty()) {
			List<Object> orders = new ArrayList<>();
			for (Order o : query.orders()) {
				Map<String, Object> m = new LinkedHashMap<>();
				if (o.alias() != null) {
					m.put("alias", o.alias());
				}
				m.put("attribute", o.attribute());
				m.put("descending", o.descending());
				orders.add(m);
			}
			json.put("orders", orders);
		}
		if (query.distinct()) {
			json.put("distinct", true);
		}
		return json;
	}

	private static Object value(Object v) {
		if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
			return v;
		}
		return v instanceof RecordRef r ? r.id().toString() : v.toString();
	}

	private static String at(String path, String field) {
		return path == null || path.isEmpty() ? field : path + "." + field;
	}

	private static Criterion criterion(Object json, String path) {
		Map<String, Object> m = map(json, path);
		if (m.containsKey("not")) {
			return new Criterion.Not(criterion(m.get("not"), path + ".not"));
		}
		if (m.containsKey("exists")) {
			String p = path + ".exists";
			Map<String, Object> x = map(m.get("exists"), p);
			return new Criterion.Exists(string(x.get("entity"), p + ".entity"), string(x.get("attribute"), p + ".attribute"),
					string(x.get("parentAttribute"), p + ".parentAttribute"),
					x.get("filter") == null ? null : criterion(x.get("filter"), p + ".filter"));
		}
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

	/** The JSON form of a criterion, as {@link #read} reads it back (values as {@link #write(Query)} writes them). */
	public static Map<String, Object> write(Criterion criterion) {
		Map<String, Object> m = new LinkedHashMap<>();
		if (criterion instanceof Criterion.Condition c) {
			if (c.alias() != null) {
				m.put("alias", c.alias());
			}
			m.put("attribute", c.attribute());
			m.put("operator", c.operator().name());
			m.put("values", c.values().stream().map(QueryJson::value).toList());
		} else if (criterion instanceof Criterion.Group g) {
			m.put(g.or() ? "or" : "and", g.criteria().stream().map(QueryJson::write).toList());
		} else if (criterion instanceof Criterion.Not n) {
			m.put("not", write(n.criterion()));
		} else if (criterion instanceof Criterion.Exists x) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("entity", x.entity());
			e.put("attribute", x.attribute());
			e.put("parentAttribute", x.parentAttribute());
			if (x.filter() != null) {
				e.put("filter", write(x.filter()));
			}
			m.put("exists", e);
		}
		return m;
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
