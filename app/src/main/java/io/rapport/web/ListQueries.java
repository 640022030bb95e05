package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.QueryJson;
import io.rapport.security.AccessControl;
import io.rapport.security.Sharing;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query behind a list page: the views a user may choose (their own personal views, those shared with them, the
 * system ones), the state of the list (a personal view's or the system view's saved query, or what the URL says,
 * conditions on related records included) and the query model query the list runs. The list page runs it a page at
 * a time; commands on every record in the view run the same query, so they act on exactly the records the list shows.
 */
@Component
class ListQueries {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Metadata metadata;
	private final Queries queries;
	private final AccessControl access;
	private final SystemViews systemViews;
	private final Sitemap sitemap;
	private final Sharing sharing;
	private final Names names;

	ListQueries(Metadata metadata, Queries queries, AccessControl access, SystemViews systemViews, Sitemap sitemap,
			Sharing sharing, Names names) {
		this.metadata = metadata;
		this.queries = queries;
		this.access = access;
		this.systemViews = systemViews;
		this.sitemap = sitemap;
		this.sharing = sharing;
		this.names = names;
	}

	record Column(String name, String label, boolean sortable, boolean primary) {
	}

	/** A view in the chooser; {@code sharedBy} names the owner of a personal view someone shared with the user. */
	record View(String id, String name, boolean personal, String sharedBy) {

		View(String id, String name, boolean personal) {
			this(id, name, personal, null);
		}

		public boolean shared() {
			return sharedBy != null;
		}
	}

	/**
	 * A list as the URL asks for it: the views to choose from, the chosen one, the state and its columns, and the
	 * relations the filter's conditions on related records may use.
	 */
	record ListQuery(List<View> views, View view, ListState state, List<Column> columns, List<FilterRows.Relation> relations) {
	}

	ListQuery resolve(Principal who, EntityDefinition def, MultiValueMap<String, String> params) {
		ListState state = ListState.from(params);
		List<View> views = views(who, def);
		String viewId = state.view() == null ? views.get(0).id() : state.view();
		View view = find(views, viewId);
		List<FilterRows.Relation> relations = relations(who, def);
		if (view.personal() && !state.custom()) {
			state = state.withSaved(savedQuery(who, UUID.fromString(view.id())), c -> shown(who, def, relations, c));
		} else if (view.id().equals(SystemViews.ID) && !state.custom()) {
			state = state.withSaved(systemViews.defaultView(who, def.logicalName()).orElseThrow().query(),
					c -> shown(who, def, relations, c));
		}
		if (state.columns().isEmpty()) {
			state = state.withColumns(ViewController.defaultColumns(def));
		}
		return new ListQuery(views, view, state, columns(who, def, state.columns()), relations);
	}

	static View find(List<View> views, String id) {
		return views.stream().filter(v -> v.id().equals(id)).findFirst()
			.orElseThrow(() -> new RapportException(404, "ViewNotFound", "That view does not exist, or it is not yours."));
	}

	/** The relations the filter editor offers on the entity for this user (and the only ones a condition may use). */
	List<FilterRows.Relation> relations(Principal who, EntityDefinition def) {
		return FilterRows.relations(metadata, def, sitemap.readable(who), (e, a) -> access.canRead(who, e, a));
	}

	/** Attributes offered in the filter editor and the column chooser, by display name. */
	List<AttributeDefinition> filterable(Principal who, EntityDefinition def) {
		return def.attributes().stream()
			.filter(a -> access.canRead(who, def, a) && FilterRows.operators(a).size() > 0)
			.filter(a -> !a.logicalName().equals(def.primaryIdAttribute()) && !a.logicalName().equals("versionnumber")
					&& !a.logicalName().equals("documentbody"))
			.sorted(Comparator.comparing(AttributeDefinition::displayName))
			.toList();
	}

	/** The filter editor's row for a condition: {@code fr} names the relation, among those offered (else 400). */
	FilterRows.Row row(Principal who, List<FilterRows.Relation> relations, String group, String fr, String fa, String fo,
			String fv) {
		FilterRows.Relation relation = FilterRows.relation(relations, fr);
		return FilterRows.row(relations, relation, filterable(who, relation.target()), group, fa, fo, fv);
	}

	/**
	 * A saved criterion as the editor's condition, when the editor shows it exactly as saved: a condition on the
	 * entity's own attribute, or one condition on related records through a relation the editor offers this user, on
	 * an attribute they may filter on, with an operator and a value the row offers.
	 */
	private Optional<ListState.Condition> shown(Principal who, EntityDefinition def, List<FilterRows.Relation> relations,
			Criterion criterion) {
		String key;
		Criterion.Condition c;
		if (criterion instanceof Criterion.Condition own) {
			key = "";
			c = own;
		} else if (criterion instanceof Criterion.Exists x && x.filter() instanceof Criterion.Condition related) {
			key = FilterRows.key(metadata, def, x);
			c = related;
		} else {
			return Optional.empty();
		}
		if (key == null || c.alias() != null || c.values().size() > 1 || relations.stream().noneMatch(r -> r.key().equals(key))) {
			return Optional.empty();
		}
		String value = c.values().isEmpty() ? "" : String.valueOf(c.values().get(0));
		FilterRows.Row row = row(who, relations, ListState.TOP, key, c.attribute(), c.operator().name(), value);
		return FilterRows.shows(row, c.operator(), c.values().size())
				? Optional.of(new ListState.Condition(key, c.attribute(), c.operator().name(), value)) : Optional.empty();
	}

	/** The filter of a list state as criteria: conditions on related records become {@link Criterion.Exists}. */
	Criterion filter(EntityDefinition def, ListState state, List<FilterRows.Relation> relations) {
		return state.filter(def, k -> FilterRows.relation(relations, k));
	}

	/**
	 * The list's query: the view's own criteria, the filter (conditions on related records included), quick find, sort
	 * and the page's cursor.
	 */
	Query query(EntityDefinition def, ListQuery list, int pageSize) {
		ListState state = list.state();
		List<String> select = new ArrayList<>(MoneyDisplay.withCurrency(def, list.columns().stream().map(Column::name).toList()));
		Query q = Query.of(def.logicalName()).select(select).page(pageSize);
		switch (list.view().id()) {
			case "active" -> q = q.where(Criterion.where("statecode", Operator.Eq, 0));
			case "inactive" -> q = q.where(Criterion.where("statecode", Operator.Ne, 0));
			case "mine" -> q = q.where(Criterion.where("ownerid", Operator.EqUserId));
			default -> {
			}
		}
		Criterion filter = filter(def, state, list.relations());
		if (filter != null) {
			q = q.where(filter);
		}
		if (state.find() != null) {
			q = q.where(quickFind(def, state.find()));
		}
		if (state.sort() != null) {
			q = q.orderBy(new Order(null, state.sort(), state.descending()));
		} else if (def.primaryNameAttribute() != null) {
			q = q.orderBy(Order.asc(def.primaryNameAttribute()));
		}
		if (state.cursor() != null) {
			q = q.after(state.cursor());
		}
		return q;
	}

	/**
	 * Every record in the view: its query without a cursor, in the JSON form jobs store ({@link QueryJson#write(Query)},
	 * which keeps the conditions on related records), so a job acts on exactly the records the list shows.
	 */
	Map<String, Object> everyRecord(EntityDefinition def, ListQuery list) {
		ListQuery first = new ListQuery(list.views(), list.view(), list.state().firstPage(), list.columns(), list.relations());
		return QueryJson.write(query(def, first, 1));
	}

	/** How many records are in the view, exact up to {@link Queries#COUNT_CAP} (one more means "more than that"). */
	long count(Principal who, EntityDefinition def, ListQuery list) {
		return queries.count(who, QueryJson.read(everyRecord(def, list)));
	}

	/** Quick find: records whose primary name or e-mail begins with the text (index-served, as Dataverse's default). */
	static Criterion quickFind(EntityDefinition def, String text) {
		List<Criterion> arms = new ArrayList<>();
		if (def.primaryNameAttribute() != null) {
			arms.add(Criterion.where(def.primaryNameAttribute(), Operator.BeginsWith, text));
		}
		def.attribute("emailaddress1").ifPresent(a -> arms.add(Criterion.where("emailaddress1", Operator.BeginsWith, text)));
		return arms.size() == 1 ? arms.get(0) : new Criterion.Group(true, arms);
	}

	List<View> views(Principal who, EntityDefinition def) {
		List<View> views = new ArrayList<>();
		systemViews.defaultView(who, def.logicalName()).ifPresent(v -> views.add(new View(SystemViews.ID, v.name(), false)));
		boolean states = def.attribute("statecode").isPresent();
		if (states) {
			views.add(new View("active", "Active " + def.displayCollectionName(), false));
		}
		if (def.attribute("ownerid").isPresent()) {
			views.add(new View("mine", "My " + def.displayCollectionName(), false));
		}
		views.add(new View("all", "All " + def.displayCollectionName(), false));
		if (states) {
			views.add(new View("inactive", "Inactive " + def.displayCollectionName(), false));
		}
		Query mine = Query.of("userquery").select("name")
			.where(Criterion.and(Criterion.where("returnedtypecode", Operator.Eq, def.logicalName()),
					Criterion.where("ownerid", Operator.EqUserId)))
			.orderBy(Order.asc("name")).page(200);
		for (EntityRecord r : queries.execute(who, mine).records()) {
			views.add(new View(r.id().toString(), r.getString("name"), true));
		}
		// views other people shared with the user (or a team of theirs), read through the access predicate as well
		Set<UUID> shared = sharing.sharedWith(who, "userquery");
		if (!shared.isEmpty()) {
			Query theirs = Query.of("userquery").select("name", "ownerid")
				.where(Criterion.and(Criterion.where("returnedtypecode", Operator.Eq, def.logicalName()),
						Criterion.where("ownerid", Operator.NeUserId),
						new Criterion.Condition(null, "userqueryid", Operator.In, new ArrayList<>(shared))))
				.orderBy(Order.asc("name")).page(200);
			List<EntityRecord> found = queries.execute(who, theirs).records();
			Map<RecordRef, String> owners = names.of(who, found.stream().map(r -> (RecordRef) r.get("ownerid")).toList());
			for (EntityRecord r : found) {
				views.add(new View(r.id().toString(), r.getString("name"), true,
						owners.getOrDefault((RecordRef) r.get("ownerid"), "someone")));
			}
		}
		return views;
	}

	@SuppressWarnings("unchecked")
	private Query savedQuery(Principal who, UUID id) {
		EntityRecord saved = queries.retrieve(who, "userquery", id, List.of("querydefinition"))
			.orElseThrow(() -> RapportException.notFound("userquery", id));
		return QueryJson.read(JSON.readValue(saved.getString("querydefinition"), Map.class));
	}

	private List<Column> columns(Principal who, EntityDefinition def, List<String> names) {
		List<Column> cols = new ArrayList<>();
		List<String> ordered = new ArrayList<>(names);
		if (def.primaryNameAttribute() != null && ordered.remove(def.primaryNameAttribute())) {
			ordered.add(0, def.primaryNameAttribute());
		}
		for (String n : ordered) {
			def.attribute(n).filter(a -> access.canRead(who, def, a)).ifPresent(a -> cols.add(new Column(a.logicalName(),
					a.displayName(), !a.type().isReference() && a.type() != io.rapport.metadata.AttributeType.MultiSelectPicklist,
					a.logicalName().equals(def.primaryNameAttribute()))));
		}
		if (cols.isEmpty()) {
			throw RapportException.invalid("cols", "choose at least one column you may read");
		}
		return cols;
	}
}
