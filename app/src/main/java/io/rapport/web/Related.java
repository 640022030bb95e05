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
import io.rapport.security.Privilege;

/**
 * What a form can show beside the record: a subgrid per 1:N relationship to a listed entity (an account's contacts and
 * child accounts…), the record's connections, and whether it has a timeline; the form definition says where each
 * goes. Every row is read as the user.
 */
@Component
class Related {

	static final int SUBGRID_ROWS = 10;

	/** Children shown elsewhere (timeline, connections) or never listed on their own. */
	private static final Set<String> NOT_SUBGRIDS = Set.of("phonecall", "task", "appointment", "email", "letter", "fax",
			"annotation", "connection", "activityparty", "duplicaterecord", "userquery", "asyncoperation", "duplicaterule",
			"duplicaterulecondition", "fieldpermission");
	private static final Set<String> NOT_LINKS = Set.of("createdby", "modifiedby", "ownerid", "owningbusinessunit",
			"masterid", "objectid", "regardingobjectid");

	private final Metadata metadata;
	private final Queries queries;
	private final Names names;
	private final Connections connections;
	private final Sitemap sitemap;

	private final MoneyDisplay money;

	Related(Metadata metadata, Queries queries, Names names, Connections connections, Sitemap sitemap, MoneyDisplay money) {
		this.money = money;
		this.metadata = metadata;
		this.queries = queries;
		this.names = names;
		this.connections = connections;
		this.sitemap = sitemap;
	}

	record Subgrid(String title, String entity, String attribute, List<String> headers, List<ViewController.Row> rows,
			boolean more, boolean canCreate, String newLink) {
	}

	/**
	 * What can be shown beside a record: its subgrids by relationship ({@code child.lookup}, in metadata's order), its
	 * connections (null when the user may not read them) and whether it has a timeline.
	 */
	record Parts(Map<String, Subgrid> subgrids, List<Connection> connections, boolean timeline) {
	}

	static String key(String child, String attribute) {
		return child + "." + attribute;
	}

	Parts of(Principal who, EntityDefinition def, EntityRecord record) {
		Set<String> readable = sitemap.readable(who);
		Set<String> creatable = sitemap.privileged(who, Privilege.Create);
		Map<String, Subgrid> grids = new LinkedHashMap<>();
		for (RelationshipDefinition r : metadata.oneToManyFrom(def.logicalName())) {
			String child = r.referencingEntity();
			if (NOT_SUBGRIDS.contains(child) || NOT_LINKS.contains(r.referencingAttribute()) || !readable.contains(child)) {
				continue;
			}
			EntityDefinition cdef = metadata.find(child).orElse(null);
			if (cdef == null || cdef.attribute(r.referencingAttribute()).isEmpty()
					|| grids.containsKey(key(child, r.referencingAttribute()))) {
				continue;
			}
			grids.put(key(child, r.referencingAttribute()),
					subgrid(who, def, record, cdef, r.referencingAttribute(), creatable.contains(child)));
		}
		List<Connection> connected;
		try {
			ConnectionPage page = connections.of(who, record.ref(), 25, null);
			connected = page.connections();
		} catch (RapportException e) {
			connected = null;
		}
		boolean timeline = metadata.find("phonecall").flatMap(p -> p.attribute("regardingobjectid"))
			.map(a -> a.targets().contains(def.logicalName())).orElse(false);
		return new Parts(grids, connected, timeline);
	}

	private Subgrid subgrid(Principal who, EntityDefinition parent, EntityRecord record, EntityDefinition child,
			String attribute, boolean canCreate) {
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
		return new Subgrid(child.displayCollectionName() + " (" + via + ")", child.logicalName(), attribute, headers, rows,
				page.nextCursor() != null, canCreate, newLink);
	}
}
