package io.rapport.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

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
 * What a list page shows, as it travels in the page's URL: the view, quick-find text, columns, the filter (conditions
 * in nested and/or groups), sort and the keyset cursors of the pages seen so far (for "previous").
 * <p>
 * The filter's URL form: each condition is one {@code fr}/{@code fa}/{@code fo}/{@code fv} (relation, attribute,
 * operator, value) and, when the filter has groups, {@code fg}, the key of its group; {@code fm} says whether the top of
 * the filter matches all its conditions or any. Each group inside is one {@code gk}/{@code gp}/{@code gm}: its key, the
 * key of the group it is in (a group named before it, or {@code 0}, the top) and {@code and} or {@code or}. A URL
 * without groups is the flat filter of earlier versions.
 * <p>
 * {@code savedFilter} is a saved view's filter that the editor cannot show as it is (a {@code not}, a condition on a
 * linked entity, an operator or a related entity the editor does not offer this user): the list then runs it as saved,
 * the editor says so instead of showing part of it, and saving the view again keeps it.
 */
record ListState(String view, String find, List<String> columns, Group filter, Criterion savedFilter, String sort,
		boolean descending, String cursor, List<String> back, boolean custom) {

	/** The key of the top of the filter; the groups inside have keys of their own. */
	static final String TOP = "0";

	private static final Pattern KEY = Pattern.compile("[0-9a-z]{1,16}");

	/** One condition; {@code relation} is the key of a {@link FilterRows.Relation} (empty: the list's own entity). */
	record Condition(String relation, String attribute, String operator, String value) {
	}

	/** An and/or group: its conditions and the groups inside it. The filter is the top group. */
	record Group(boolean or, List<Condition> conditions, List<Group> groups) {

		static final Group EMPTY = new Group(false, List.of(), List.of());

		Group {
			conditions = List.copyOf(conditions);
			groups = List.copyOf(groups);
		}

		boolean empty() {
			return conditions.isEmpty() && groups.isEmpty();
		}
	}

	static ListState from(MultiValueMap<String, String> p) {
		List<String> cols = new ArrayList<>();
		for (String c : p.getOrDefault("cols", List.of())) {
			for (String part : c.split(",")) {
				if (!part.isBlank() && !cols.contains(part.trim())) {
					cols.add(part.trim());
				}
			}
		}
		return new ListState(blank(p.getFirst("view")), blank(p.getFirst("q")), cols, filter(p), null,
				blank(p.getFirst("sort")), "true".equals(p.getFirst("desc")), blank(p.getFirst("cursor")),
				p.getOrDefault("back", List.of()).stream().filter(s -> !s.isBlank()).toList(), p.containsKey("custom"));
	}

	/** A group while the URL is read: groups are named before the groups and conditions in them. */
	private record Reading(boolean or, List<Condition> conditions, List<Reading> groups) {

		Reading(boolean or) {
			this(or, new ArrayList<>(), new ArrayList<>());
		}

		Group group(boolean top) {
			List<Group> inside = groups.stream().map(g -> g.group(false)).toList();
			if (!top && conditions.isEmpty() && inside.isEmpty()) {
				throw RapportException.invalid("gk", "a group of conditions is empty: choose an attribute in it, or remove the group");
			}
			return new Group(or, conditions, inside);
		}
	}

	private static Group filter(MultiValueMap<String, String> p) {
		Map<String, Reading> groups = new LinkedHashMap<>();
		groups.put(TOP, new Reading(or(p.getFirst("fm"), "fm")));
		List<String> gk = p.getOrDefault("gk", List.of());
		List<String> gp = p.getOrDefault("gp", List.of());
		List<String> gm = p.getOrDefault("gm", List.of());
		for (int i = 0; i < gk.size(); i++) {
			String key = key(gk.get(i), "gk");
			if (groups.containsKey(key)) {
				throw RapportException.invalid("gk", "the group '" + key + "' is named twice");
			}
			String parent = key(i < gp.size() ? gp.get(i) : TOP, "gp");
			Reading in = groups.get(parent);
			if (in == null) {
				throw RapportException.invalid("gp", "'" + parent + "' is not a group of this filter named before the group in it");
			}
			Reading group = new Reading(or(i < gm.size() ? gm.get(i) : null, "gm"));
			in.groups().add(group);
			groups.put(key, group);
		}
		List<String> fa = p.getOrDefault("fa", List.of());
		List<String> fo = p.getOrDefault("fo", List.of());
		List<String> fv = p.getOrDefault("fv", List.of());
		List<String> fr = p.getOrDefault("fr", List.of());
		List<String> fg = p.getOrDefault("fg", List.of());
		for (int i = 0; i < fa.size(); i++) {
			String a = fa.get(i);
			if (a == null || a.isBlank()) {
				continue;
			}
			String g = key(i < fg.size() ? fg.get(i) : TOP, "fg");
			Reading in = groups.get(g);
			if (in == null) {
				throw RapportException.invalid("fg", "'" + g + "' is not a group of this filter");
			}
			String r = i < fr.size() && fr.get(i) != null ? fr.get(i).trim() : "";
			String o = i < fo.size() && fo.get(i) != null ? fo.get(i).trim() : "Eq";
			operator(o);
			in.conditions().add(new Condition(r, a.trim(), o, i < fv.size() ? fv.get(i) : ""));
		}
		return groups.get(TOP).group(true);
	}

	/** A group's key as the URL gives it: blank means the top of the filter. */
	static String key(String value, String field) {
		String k = value == null || value.isBlank() ? TOP : value.trim();
		if (!KEY.matcher(k).matches()) {
			throw RapportException.invalid(field, "'" + k + "' is not the key of a group (letters and digits, at most 16)");
		}
		return k;
	}

	private static boolean or(String value, String field) {
		if (value == null || value.isBlank() || value.trim().equals("and")) {
			return false;
		}
		if (value.trim().equals("or")) {
			return true;
		}
		throw RapportException.invalid(field, "'" + value.trim() + "' is neither and nor or");
	}

	private static Operator operator(String name) {
		try {
			return Operator.valueOf(name);
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid("fo", "'" + name + "' is not an operator");
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	/** The same list from its first page: no cursor and no pages before. */
	ListState firstPage() {
		return new ListState(view, find, columns, filter, savedFilter, sort, descending, null, List.of(), custom);
	}

	ListState withColumns(List<String> c) {
		return new ListState(view, find, c, filter, savedFilter, sort, descending, cursor, back, custom);
	}

	/**
	 * The state of a saved view: its columns, filter and sort — unless a header was clicked, which sorts the view
	 * differently without changing it — and the page being looked at. {@code shown} is the editor's condition for a
	 * condition (or a related-entity criterion) when the editor shows it exactly; when any part of the filter has none,
	 * the filter is kept as {@link #savedFilter}.
	 */
	ListState withSaved(Query saved, Function<Criterion, Optional<Condition>> shown) {
		Criterion f = saved.filter();
		Optional<Group> editor = f == null ? Optional.of(Group.EMPTY)
				: group(f instanceof Criterion.Group g ? g : new Criterion.Group(false, List.of(f)), shown);
		Group group = editor.orElse(Group.EMPTY);
		Criterion kept = editor.isPresent() ? null : f;
		Order order = saved.orders().isEmpty() ? null : saved.orders().get(0);
		if (sort != null) {
			return new ListState(view, find, saved.columns(), group, kept, sort, descending, cursor, back, false);
		}
		return new ListState(view, find, saved.columns(), group, kept, order == null ? null : order.attribute(),
				order != null && order.descending(), cursor, back, false);
	}

	/** The editor's group for a group of criteria, or nothing when any part of it is not one the editor shows. */
	private static Optional<Group> group(Criterion.Group g, Function<Criterion, Optional<Condition>> shown) {
		List<Condition> conditions = new ArrayList<>();
		List<Group> groups = new ArrayList<>();
		for (Criterion part : g.criteria()) {
			if (part instanceof Criterion.Group inner) {
				Optional<Group> editor = group(inner, shown);
				if (editor.isEmpty() || editor.get().empty()) {
					return Optional.empty();
				}
				groups.add(editor.get());
			} else {
				Optional<Condition> c = shown.apply(part);
				if (c.isEmpty()) {
					return Optional.empty();
				}
				conditions.add(c.get());
			}
		}
		return Optional.of(new Group(g.or(), conditions, groups));
	}

	/**
	 * The filter as criteria of the query model: a saved filter the editor cannot show as it is, or the editor's
	 * groups, each a {@link Criterion.Group}; operators taking no value ignore the value typed. A condition on a
	 * related entity becomes that relation's {@link Criterion.Exists}; {@code relations} finds (or refuses) the relation.
	 */
	Criterion filter(EntityDefinition entity, Function<String, FilterRows.Relation> relations) {
		if (savedFilter != null) {
			return savedFilter;
		}
		List<Criterion> parts = parts(filter, entity, relations);
		if (parts.isEmpty()) {
			return null;
		}
		return parts.size() == 1 && !(parts.get(0) instanceof Criterion.Group) ? parts.get(0)
				: new Criterion.Group(filter.or(), parts);
	}

	private static List<Criterion> parts(Group group, EntityDefinition entity, Function<String, FilterRows.Relation> relations) {
		List<Criterion> parts = new ArrayList<>();
		for (Condition c : group.conditions()) {
			Operator op = operator(c.operator());
			List<Object> values = op.arity() == 0 ? List.of() : List.of(c.value() == null ? "" : c.value());
			parts.add(relations.apply(c.relation()).wrap(entity, new Criterion.Condition(null, c.attribute(), op, values)));
		}
		for (Group g : group.groups()) {
			parts.add(new Criterion.Group(g.or(), parts(g, entity, relations)));
		}
		return parts;
	}

	/** The JSON of the query model (as QueryJson reads it) for the columns, the {@link #filter} and sort. */
	Map<String, Object> json(String entity, Criterion criterion) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("entity", entity);
		json.put("columns", columns);
		if (criterion != null) {
			json.put("filter", QueryJson.write(criterion instanceof Criterion.Group ? criterion
					: new Criterion.Group(filter.or(), List.of(criterion))));
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
			if (filter.or()) {
				p.add(new Param("fm", "or"));
			}
			List<Param> groups = new ArrayList<>();
			params(filter, TOP, p, groups, new int[] { 0 });
			p.addAll(groups);
		}
		return p;
	}

	/**
	 * The conditions of a group and of the groups inside it (numbered 1, 2, … in the order they are named), with the
	 * group's key on each condition when the filter has groups.
	 */
	private void params(Group group, String key, List<Param> conditions, List<Param> groups, int[] last) {
		for (Condition c : group.conditions()) {
			conditions.add(new Param("fr", c.relation()));
			conditions.add(new Param("fa", c.attribute()));
			conditions.add(new Param("fo", c.operator()));
			conditions.add(new Param("fv", c.value()));
			if (!filter.groups().isEmpty()) {
				conditions.add(new Param("fg", key));
			}
		}
		for (Group g : group.groups()) {
			String k = String.valueOf(++last[0]);
			groups.add(new Param("gk", k));
			groups.add(new Param("gp", key));
			groups.add(new Param("gm", g.or() ? "or" : "and"));
			params(g, k, conditions, groups, last);
		}
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
