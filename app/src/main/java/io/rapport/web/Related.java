package io.rapport.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.Connection;
import io.rapport.customers.ConnectionPage;
import io.rapport.customers.Connections;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.AccessControl;
import io.rapport.security.Privilege;

/**
 * What a form can show beside the record: a subgrid per 1:N relationship to a listed entity (an account's contacts and
 * child accounts…) and per N:N relationship, the record's connections, and whether it has a timeline; the form
 * definition says where each goes. Every row is read as the user. A subgrid offers "Add existing" when the user may
 * relate records that way: for 1:N, write and append on the child entity and append-to on this record; for N:N, append
 * on this record and append-to on the other entity. Activities are added to the timeline the same way, by their
 * regarding lookup.
 */
@Component
class Related {

	static final int SUBGRID_ROWS = 10;

	/** Children shown elsewhere (timeline, connections) or never listed on their own. */
	private static final Set<String> NOT_SUBGRIDS = Set.of("phonecall", "task", "appointment", "email", "letter", "fax",
			"annotation", "connection", "activityparty", "duplicaterecord", "userquery", "asyncoperation", "duplicaterule",
			"duplicaterulecondition", "fieldpermission");
	/** Activities whose regarding lookup the timeline's "add existing" sets. */
	static final List<String> ACTIVITIES = List.of("phonecall", "task", "appointment", "email", "letter", "fax");
	private static final Set<String> NOT_LINKS = Set.of("createdby", "modifiedby", "ownerid", "owningbusinessunit",
			"masterid", "objectid", "regardingobjectid");

	private final Metadata metadata;
	private final Queries queries;
	private final Names names;
	private final Connections connections;
	private final Sitemap sitemap;
	private final AccessControl access;

	private final MoneyDisplay money;

	Related(Metadata metadata, Queries queries, Names names, Connections connections, Sitemap sitemap, AccessControl access,
			MoneyDisplay money) {
		this.access = access;
		this.money = money;
		this.metadata = metadata;
		this.queries = queries;
		this.names = names;
		this.connections = connections;
		this.sitemap = sitemap;
	}

	/**
	 * One subgrid. {@code attribute} is the child's lookup of a 1:N relationship; {@code relationship} the schema name
	 * of an N:N one (then {@code attribute} is null).
	 */
	record Subgrid(String title, String entity, String attribute, String relationship, List<String> headers,
			List<ViewController.Row> rows, boolean more, boolean canCreate, String newLink, boolean canAddExisting) {
	}

	/** A 1:N relationship whose subgrid this entity's form shows: the child and its lookup. */
	record Child(EntityDefinition entity, String attribute) {
	}

	/** The 1:N relationships from the entity that get a subgrid. */
	List<Child> children(EntityDefinition def) {
		List<Child> children = new ArrayList<>();
		for (RelationshipDefinition r : metadata.oneToManyFrom(def.logicalName())) {
			String child = r.referencingEntity();
			if (NOT_SUBGRIDS.contains(child) || NOT_LINKS.contains(r.referencingAttribute())) {
				continue;
			}
			EntityDefinition cdef = metadata.find(child).orElse(null);
			if (cdef != null && cdef.attribute(r.referencingAttribute()).isPresent() && children.stream()
				.noneMatch(c -> c.entity().logicalName().equals(child) && c.attribute().equals(r.referencingAttribute()))) {
				children.add(new Child(cdef, r.referencingAttribute()));
			}
		}
		return children;
	}

	/**
	 * The N:N relationships of the entity that get a subgrid, with the entity on the other side: those made by
	 * customization (the platform's own, such as team membership and role assignment, have their settings pages).
	 */
	List<Map.Entry<RelationshipDefinition, EntityDefinition>> manyToMany(EntityDefinition def) {
		List<Map.Entry<RelationshipDefinition, EntityDefinition>> found = new ArrayList<>();
		for (RelationshipDefinition r : metadata.relationships()) {
			if (r.isOneToMany() || !r.custom() || !(def.logicalName().equals(r.entity1()) || def.logicalName().equals(r.entity2()))) {
				continue;
			}
			String other = def.logicalName().equals(r.entity1()) ? r.entity2() : r.entity1();
			if (NOT_SUBGRIDS.contains(other)) {
				continue;
			}
			metadata.find(other).ifPresent(o -> found.add(Map.entry(r, o)));
		}
		return found;
	}

	/** The activity types whose regarding lookup may point at records of the entity. */
	List<EntityDefinition> activities(EntityDefinition def) {
		return ACTIVITIES.stream().map(a -> metadata.find(a).orElse(null))
			.filter(a -> a != null && a.attribute("regardingobjectid").map(r -> r.targets().contains(def.logicalName())).orElse(false))
			.toList();
	}

	private boolean allowed(Principal who, Privilege privilege, EntityDefinition def, EntityRecord record) {
		try {
			access.check(who, privilege, def, record);
			return true;
		} catch (RapportException e) {
			return false;
		}
	}

	/**
	 * What can be shown beside a record: its subgrids by relationship ({@code child.lookup} for 1:N, in metadata's
	 * order, then {@code nn:schemaname} for N:N), its connections (null when the user may not read them), whether it
	 * has a timeline and whether the timeline offers to add existing activities.
	 */
	record Parts(Map<String, Subgrid> subgrids, List<Connection> connections, boolean timeline,
			boolean canAddExistingActivity) {
	}

	static String key(String child, String attribute) {
		return child + "." + attribute;
	}

	/** The key of an N:N relationship's subgrid; the form editor places 1:N subgrids, N:N ones go to Related. */
	static String manyToManyKey(String schemaName) {
		return "nn:" + schemaName;
	}

	Parts of(Principal who, EntityDefinition def, EntityRecord record) {
		Set<String> readable = sitemap.readable(who);
		Set<String> creatable = sitemap.privileged(who, Privilege.Create);
		// Setting a child's lookup to this record: write and append on the child, append-to here. Associating: append
		// here, append-to on the other entity. The engine checks each again on the request.
		Set<String> writable = sitemap.privileged(who, Privilege.Write);
		Set<String> appendable = sitemap.privileged(who, Privilege.Append);
		Set<String> appendableTo = sitemap.privileged(who, Privilege.AppendTo);
		boolean appendToHere = allowed(who, Privilege.AppendTo, def, record);
		boolean appendHere = allowed(who, Privilege.Append, def, record);
		java.util.function.Predicate<String> relatable = child -> appendToHere && writable.contains(child)
				&& appendable.contains(child);
		Map<String, Subgrid> grids = new LinkedHashMap<>();
		for (Child c : children(def)) {
			String child = c.entity().logicalName();
			if (readable.contains(child)) {
				grids.put(key(child, c.attribute()),
						subgrid(who, def, record, c.entity(), c.attribute(), creatable.contains(child), relatable.test(child)));
			}
		}
		for (Map.Entry<RelationshipDefinition, EntityDefinition> m : manyToMany(def)) {
			String other = m.getValue().logicalName();
			if (readable.contains(other)) {
				grids.put(manyToManyKey(m.getKey().schemaName()),
						associated(who, record, m.getKey(), m.getValue(), appendHere && appendableTo.contains(other)));
			}
		}
		boolean addExistingActivity = activities(def).stream()
			.anyMatch(a -> readable.contains(a.logicalName()) && relatable.test(a.logicalName()));
		List<Connection> connected;
		try {
			ConnectionPage page = connections.of(who, record.ref(), 25, null);
			connected = page.connections();
		} catch (RapportException e) {
			connected = null;
		}
		boolean timeline = metadata.find("phonecall").flatMap(p -> p.attribute("regardingobjectid"))
			.map(a -> a.targets().contains(def.logicalName())).orElse(false);
		return new Parts(grids, connected, timeline, timeline && addExistingActivity);
	}

	/** The records associated with this one by an N:N relationship, by name, the first {@link #SUBGRID_ROWS}. */
	private Subgrid associated(Principal who, EntityRecord record, RelationshipDefinition r, EntityDefinition other,
			boolean canAdd) {
		List<RecordRef> related = queries.related(who, record.ref(), r.schemaName());
		Map<RecordRef, String> named = names.of(who, related);
		List<ViewController.Row> rows = new ArrayList<>();
		related.stream().sorted(java.util.Comparator.comparing(ref -> named.getOrDefault(ref, ""))).limit(SUBGRID_ROWS)
			.forEach(ref -> rows.add(new ViewController.Row(ref.id(), List.of(new ViewController.Cell(
					named.getOrDefault(ref, "(no name)"), "/app/" + ref.entity() + "/" + ref.id())))));
		return new Subgrid(other.displayCollectionName() + " (" + r.schemaName() + ")", other.logicalName(), null,
				r.schemaName(), List.of(other.primaryNameAttribute() == null ? "Record"
						: other.requireAttribute(other.primaryNameAttribute()).displayName()),
				rows, related.size() > SUBGRID_ROWS, false, null, canAdd);
	}

	private Subgrid subgrid(Principal who, EntityDefinition parent, EntityRecord record, EntityDefinition child,
			String attribute, boolean canCreate, boolean canAdd) {
		List<String> cols = ViewController.defaultColumns(child).stream().filter(c -> !c.equals(attribute)).limit(4).toList();
		Query q = Query.of(child.logicalName()).select(MoneyDisplay.withCurrency(child, cols))
			.where(Criterion.where(attribute, Operator.Eq, record.ref()))
			.page(SUBGRID_ROWS);
		if (child.primaryNameAttribute() != null) {
			q = q.orderBy(Order.asc(child.primaryNameAttribute()));
		}
		var page = queries.execute(who, q);
		List<RecordRef> refs = new ArrayList<>();
		page.records().forEach(r -> cols.forEach(c -> {
			if (r.get(c) instanceof RecordRef ref) {
				refs.add(ref);
			}
		}));
		Map<RecordRef, String> named = names.of(who, refs);
		Map<java.util.UUID, io.rapport.currency.Currency> currencies = money.of(page.records());
		List<ViewController.Row> rows = new ArrayList<>();
		for (EntityRecord r : page.records()) {
			List<ViewController.Cell> cells = new ArrayList<>();
			for (String c : cols) {
				var a = child.attribute(c).orElse(null);
				Object v = r.get(c);
				String text = MoneyDisplay.display(a, v, named, currencies.get(r.id()));
				String href = c.equals(child.primaryNameAttribute()) ? "/app/" + child.logicalName() + "/" + r.id()
						: v instanceof RecordRef ref && named.containsKey(ref) ? "/app/" + ref.entity() + "/" + ref.id() : null;
				cells.add(new ViewController.Cell(c.equals(child.primaryNameAttribute()) && text.isBlank() ? "(no name)" : text, href));
			}
			rows.add(new ViewController.Row(r.id(), cells));
		}
		String via = child.requireAttribute(attribute).displayName();
		List<String> headers = cols.stream().map(c -> child.requireAttribute(c).displayName()).toList();
		String newLink = "/app/" + child.logicalName() + "/new?" + attribute + "=" + parent.logicalName() + ":" + record.id();
		return new Subgrid(child.displayCollectionName() + " (" + via + ")", child.logicalName(), attribute, null, headers, rows,
				page.nextCursor() != null, canCreate, newLink, canAdd);
	}
}
