package io.rapport.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import io.rapport.core.RapportException;
import io.rapport.metadata.EntityDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;
import io.rapport.query.QueryJson;

/**
 * What a list page shows, as it travels in the page's URL: the view, quick-find text, columns, filter conditions
 * (all joined by and, or all by or), sort and the keyset cursors of the pages seen so far (for "previous").
 */
record ListState(String view, String find, List<String> columns, boolean or, List<Condition> conditions, String sort,
		boolean descending, String cursor, List<String> back, boolean custom) {

	/** One condition; {@code relation} is the key of a {@link FilterRows.Relation} (empty: the list's own entity). */
	record Condition(String relation, String attribute, String operator, String value) {
	}

	static ListState from(MultiValueMap<String, String> p) {
		List<String> fa = p.getOrDefault("fa", List.of());
		List<String> fo = p.getOrDefault("fo", List.of());
		List<String> fv = p.getOrDefault("fv", List.of());
		List<String> fr = p.getOrDefault("fr", List.of());
		List<Condition> conditions = new ArrayList<>();
		for (int i = 0; i < fa.size(); i++) {
			String a = fa.get(i);
			if (a != null && !a.isBlank()) {
				String r = i < fr.size() && fr.get(i) != null ? fr.get(i).trim() : "";
				conditions.add(new Condition(r, a, i < fo.size() ? fo.get(i) : "Eq", i < fv.size() ? fv.get(i) : ""));
			}
		}
		List<String> cols = new ArrayList<>();
		for (String c : p.getOrDefault("cols", List.of())) {
			for (String part : c.split(",")) {
				if (!part.isBlank() && !cols.contains(part.trim())) {
					cols.add(part.trim());
				}
			}
		}
		return new ListState(blank(p.getFirst("view")), blank(p.getFirst("q")), cols, "or".equals(p.getFirst("fm")),
				conditions, blank(p.getFirst("sort")), "true".equals(p.getFirst("desc")), blank(p.getFirst("cursor")),
				p.getOrDefault("back", List.of()).stream().filter(s -> !s.isBlank()).toList(), p.containsKey("custom"));
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	/** The same list from its first page: no cursor and no pages before. */
	ListState firstPage() {
		return new ListState(view, find, columns, or, conditions, sort, descending, null, List.of(), custom);
	}

	ListState withColumns(List<String> c) {
		return new ListState(view, find, c, or, conditions, sort, descending, cursor, back, custom);
	}

	/**
	 * The state of a saved personal view: its columns, filter and sort — unless a header was clicked, which sorts the
	 * view differently without changing it — and the page being looked at.
	 */
	ListState withSaved(Query saved, Function<Criterion.Exists, String> relationKey) {
		List<Condition> conds = new ArrayList<>();
		boolean useOr = false;
		Criterion f = saved.filter();
		if (f instanceof Criterion.Group g) {
			useOr = g.or();
			for (Criterion part : g.criteria()) {
				condition(part, relationKey).ifPresent(conds::add);
			}
		} else if (f != null) {
			condition(f, relationKey).ifPresent(conds::add);
		}
		Order order = saved.orders().isEmpty() ? null : saved.orders().get(0);
		if (sort != null) {
			return new ListState(view, find, saved.columns(), useOr, conds, sort, descending, cursor, back, false);
		}
		return new ListState(view, find, saved.columns(), useOr, conds, order == null ? null : order.attribute(),
				order != null && order.descending(), cursor, back, false);
	}

	/** A condition the editor can show: on the entity's own attribute, or one condition on related records. */
	private static Optional<Condition> condition(Criterion criterion, Function<Criterion.Exists, String> relationKey) {
		if (criterion instanceof Criterion.Condition c && c.alias() == null) {
			return Optional.of(new Condition("", c.attribute(), c.operator().name(),
					c.values().isEmpty() ? "" : String.valueOf(c.values().get(0))));
		}
		if (criterion instanceof Criterion.Exists x && x.filter() instanceof Criterion.Condition c && c.alias() == null) {
			String key = relationKey.apply(x);
			if (key != null) {
				return Optional.of(new Condition(key, c.attribute(), c.operator().name(),
						c.values().isEmpty() ? "" : String.valueOf(c.values().get(0))));
			}
		}
		return Optional.empty();
	}

	/**
	 * The conditions as criteria of the query model; operators taking no value ignore the value typed. A condition on a
	 * related entity becomes that relation's {@link Criterion.Exists}; {@code relations} finds (or refuses) the relation.
	 */
	Criterion filter(EntityDefinition entity, Function<String, FilterRows.Relation> relations) {
		List<Criterion> parts = new ArrayList<>();
		for (Condition c : conditions) {
			Operator op;
			try {
				op = Operator.valueOf(c.operator());
			} catch (IllegalArgumentException e) {
				throw RapportException.invalid("fo", "'" + c.operator() + "' is not an operator");
			}
			List<Object> values = op.arity() == 0 ? List.of() : List.of(c.value() == null ? "" : c.value());
			parts.add(relations.apply(c.relation()).wrap(entity, new Criterion.Condition(null, c.attribute(), op, values)));
		}
		if (parts.isEmpty()) {
			return null;
		}
		return parts.size() == 1 ? parts.get(0) : new Criterion.Group(or, parts);
	}

	/** The JSON of the query model (as QueryJson reads it) for the columns, the {@link #filter} and sort. */
	Map<String, Object> json(String entity, Criterion filter) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("entity", entity);
		json.put("columns", columns);
		if (filter != null) {
			json.put("filter", QueryJson.write(filter instanceof Criterion.Group ? filter : new Criterion.Group(or, List.of(filter))));
		}
		if (sort != null) {
			json.put("orders", List.of(Map.of("attribute", sort, "descending", descending)));
		}
		return json;
	}

	/** One parameter of a list's URL, for forms that carry the list along (hidden inputs). */
	record Param(String name, String value) {
	}

	/** The view, quick find, and (for a changed view) the columns and filter, as URL parameters; no sort or paging. */
	public List<Param> params() {
		List<Param> p = new ArrayList<>();
		if (view != null) {
			p.add(new Param("view", view));
		}
		if (find != null) {
			p.add(new Param("q", find));
		}
		if (custom) {
			p.add(new Param("custom", "1"));
			if (!columns.isEmpty()) {
				p.add(new Param("cols", String.join(",", columns)));
			}
			if (or) {
				p.add(new Param("fm", "or"));
			}
			for (Condition c : conditions) {
				p.add(new Param("fr", c.relation()));
				p.add(new Param("fa", c.attribute()));
				p.add(new Param("fo", c.operator()));
				p.add(new Param("fv", c.value()));
			}
		}
		return p;
	}

	/**
	 * A link to this state with other sort, cursor or history; the filter and columns come along. {@code entity} is
	 * the list's path under {@code /app/}: an entity's logical name, or a Settings list such as {@code settings/users}.
	 */
	UriComponentsBuilder link(String entity) {
		UriComponentsBuilder b = UriComponentsBuilder.fromPath("/app/" + entity);
		for (Param p : params()) {
			b.queryParam(p.name(), p.value());
		}
		return b;
	}

	public String sortLink(String entity, String attribute) {
		UriComponentsBuilder b = link(entity).queryParam("sort", attribute);
		if (attribute.equals(sort) && !descending) {
			b.queryParam("desc", "true");
		}
		return b.encode().build().toUriString();
	}

	public String pageLink(String entity, String newCursor, List<String> history) {
		UriComponentsBuilder b = link(entity);
		if (sort != null) {
			b.queryParam("sort", sort);
			if (descending) {
				b.queryParam("desc", "true");
			}
		}
		if (newCursor != null) {
			b.queryParam("cursor", newCursor);
		}
		for (String h : history) {
			b.queryParam("back", h);
		}
		return b.encode().build().toUriString();
	}

	/** The next page: the current cursor goes onto the history ("first page" is an empty entry). */
	public String nextLink(String entity, String nextCursor) {
		List<String> history = new ArrayList<>(back);
		history.add(cursor == null ? "-" : cursor);
		return pageLink(entity, nextCursor, history);
	}

	public String previousLink(String entity) {
		if (back.isEmpty()) {
			return null;
		}
		List<String> history = new ArrayList<>(back.subList(0, back.size() - 1));
		String previous = back.get(back.size() - 1);
		return pageLink(entity, "-".equals(previous) ? null : previous, history);
	}

	public int pageNumber() {
		return back.size() + 1;
	}
}
