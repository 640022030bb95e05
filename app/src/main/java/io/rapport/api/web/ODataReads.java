package io.rapport.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.UriResourceProperty;
import org.apache.olingo.server.api.uri.queryoption.ExpandItem;
import org.apache.olingo.server.api.uri.queryoption.ExpandOption;
import org.apache.olingo.server.api.uri.queryoption.FilterOption;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.OrderByOption;
import org.apache.olingo.server.api.uri.queryoption.SelectItem;
import org.apache.olingo.server.api.uri.queryoption.SelectOption;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.EntityDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * OData query options as the query model: {@code $select}, {@code $filter}, {@code $orderby}, and {@code $expand},
 * which reads each navigation property for a whole page with one query as the caller (an {@code in} over the page's
 * ids), so a related record the caller may not read never appears.
 */
@Component
class ODataReads {

	/** Related records one collection-valued expansion reads for a page at most. */
	static final int EXPAND_LIMIT = Query.MAX_PAGE_SIZE;

	private final ODataModel model;
	private final Queries queries;
	private final FormattedValues formatted;

	ODataReads(ODataModel model, Queries queries, FormattedValues formatted) {
		this.model = model;
		this.queries = queries;
		this.formatted = formatted;
	}

	List<String> select(EntityDefinition entity, SelectOption select) {
		if (select == null) {
			return List.of();
		}
		List<String> columns = new ArrayList<>();
		for (SelectItem item : select.getSelectItems()) {
			if (item.isStar()) {
				return List.of();
			}
			List<UriResource> parts = item.getResourcePath() == null ? List.of() : item.getResourcePath().getUriResourceParts();
			ODataModel.Navigation lookup = parts.size() == 1 && parts.get(0) instanceof UriResourceNavigation nav
					? model.navigation(entity.logicalName(), nav.getProperty().getName()) : null;
			if (lookup != null && !lookup.collection()) {
				// the lookup's own name (primarycontactid) selects its _primarycontactid_value, as the records API always did
				columns.add(lookup.attribute());
				continue;
			}
			if (parts.size() != 1 || !(parts.get(0) instanceof UriResourceProperty p) || !p.getProperty().isPrimitive()) {
				throw new RapportException(400, "InvalidQueryOption", "Invalid $select: select properties of "
						+ entity.logicalName() + "; use $expand for navigation properties.",
						List.of(new RapportException.AttributeError("$select", "not a property")));
			}
			columns.add(ODataFilter.attributeName(entity, p.getProperty().getName()));
		}
		return columns;
	}

	Criterion filter(EntityDefinition entity, FilterOption filter) {
		return filter == null ? null : ODataFilter.translate(model, entity, filter.getExpression());
	}

	List<Order> orderBy(EntityDefinition entity, OrderByOption orderBy) {
		List<Order> orders = new ArrayList<>();
		if (orderBy == null) {
			return orders;
		}
		for (OrderByItem item : orderBy.getOrders()) {
			if (!(item.getExpression() instanceof Member m) || m.getResourcePath().getUriResourceParts().size() != 1
					|| !(m.getResourcePath().getUriResourceParts().get(0) instanceof UriResourceProperty p)) {
				throw new RapportException(400, "InvalidQueryOption", "Invalid $orderby: order by properties of "
						+ entity.logicalName() + ".", List.of(new RapportException.AttributeError("$orderby", "not a property")));
			}
			orders.add(new Order(null, ODataFilter.attributeName(entity, p.getProperty().getName()), item.isDescending()));
		}
		return orders;
	}

	/**
	 * Adds each expanded navigation property to the rows, reading it for all of them at once, with formatted values
	 * when {@code annotate}.
	 */
	void expand(Principal principal, EntityDefinition entity, List<EntityRecord> records, List<Map<String, Object>> rows,
			ExpandOption expand, String base, boolean annotate) {
		if (expand == null || records.isEmpty()) {
			return;
		}
		for (ExpandItem item : expand.getExpandItems()) {
			if (item.isStar() || item.isRef() || item.getLevelsOption() != null || item.hasCountPath()) {
				throw unsupported("only $expand=navigation(with nested $select, $filter, $orderby, $top, $expand) is supported");
			}
			List<UriResource> parts = item.getResourcePath().getUriResourceParts();
			if (parts.size() != 1 || !(parts.get(0) instanceof UriResourceNavigation nav)) {
				throw unsupported("expand one navigation property per item");
			}
			ODataModel.Navigation n = model.navigation(entity.logicalName(), nav.getProperty().getName());
			if (n == null) {
				throw unsupported("'" + nav.getProperty().getName() + "' is not a navigation property of " + entity.logicalName());
			}
			EntityDefinition target = model.metadata().entity(n.target());
			if (n.collection()) {
				expandCollection(principal, entity, records, rows, item, n, target, base, annotate);
			} else {
				expandSingle(principal, records, rows, item, n, target, base, annotate);
			}
		}
	}

	private void expandSingle(Principal principal, List<EntityRecord> records, List<Map<String, Object>> rows, ExpandItem item,
			ODataModel.Navigation n, EntityDefinition target, String base, boolean annotate) {
		if (item.getFilterOption() != null || item.getOrderByOption() != null || item.getTopOption() != null) {
			throw unsupported("a single-valued navigation property takes only nested $select and $expand");
		}
		Set<Object> ids = new LinkedHashSet<>();
		for (EntityRecord r : records) {
			if (r.get(n.attribute()) instanceof RecordRef ref && ref.entity().equals(target.logicalName())) {
				ids.add(ref.id());
			}
		}
		Map<UUID, Map<String, Object>> byId = new LinkedHashMap<>();
		if (!ids.isEmpty()) {
			Query query = Query.of(target.logicalName()).select(select(target, item.getSelectOption()))
				.where(new Criterion.Condition(null, target.primaryIdAttribute(), Operator.In, new ArrayList<>(ids)))
				.page(ids.size());
			List<EntityRecord> related = queries.execute(principal, query).records();
			List<Map<String, Object>> json = related.stream().map(r -> RecordJson.write(target, r)).toList();
			expand(principal, target, related, json, item.getExpandOption(), base, annotate);
			if (annotate) {
				formatted.annotate(principal, target, related, json);
			}
			for (int i = 0; i < related.size(); i++) {
				byId.put(related.get(i).id(), json.get(i));
			}
		}
		for (int i = 0; i < records.size(); i++) {
			Object value = records.get(i).get(n.attribute());
			rows.get(i).put(n.name(), value instanceof RecordRef ref ? byId.get(ref.id()) : null);
		}
	}

	private void expandCollection(Principal principal, EntityDefinition entity, List<EntityRecord> records,
			List<Map<String, Object>> rows, ExpandItem item, ODataModel.Navigation n, EntityDefinition target, String base,
			boolean annotate) {
		int top = item.getTopOption() == null ? Integer.MAX_VALUE : item.getTopOption().getValue();
		List<Object> parentIds = records.stream().map(r -> (Object) r.id()).toList();
		Map<UUID, List<UUID>> childrenOf = new LinkedHashMap<>();
		Criterion scope;
		String link;
		if (n.attribute() != null) {
			scope = new Criterion.Condition(null, n.attribute(), Operator.In, parentIds);
			link = n.attribute();
		} else {
			// N:N: the related ids per record (one query each), then their rows in one query
			Set<Object> all = new LinkedHashSet<>();
			for (EntityRecord r : records) {
				List<UUID> related = queries.related(principal, r.ref(), n.relationship().schemaName()).stream().map(RecordRef::id).toList();
				childrenOf.put(r.id(), related);
				all.addAll(related);
			}
			if (all.isEmpty()) {
				records.forEach(r -> rows.get(records.indexOf(r)).put(n.name(), List.of()));
				return;
			}
			scope = new Criterion.Condition(null, target.primaryIdAttribute(), Operator.In, new ArrayList<>(all));
			link = null;
		}
		List<String> columns = new ArrayList<>(select(target, item.getSelectOption()));
		if (link != null && !columns.isEmpty() && !columns.contains(link)) {
			columns.add(link);
		}
		Query query = Query.of(target.logicalName()).select(columns).where(scope).page(EXPAND_LIMIT);
		Criterion filter = filter(target, item.getFilterOption());
		if (filter != null) {
			query = query.where(filter);
		}
		for (Order o : orderBy(target, item.getOrderByOption())) {
			query = query.orderBy(o);
		}
		RecordPage page = queries.execute(principal, query);
		List<EntityRecord> related = page.records();
		List<Map<String, Object>> json = related.stream().map(r -> RecordJson.write(target, r)).toList();
		expand(principal, target, related, json, item.getExpandOption(), base, annotate);
		if (annotate) {
			formatted.annotate(principal, target, related, json);
		}
		Map<UUID, Map<String, Object>> byId = new LinkedHashMap<>();
		for (int i = 0; i < related.size(); i++) {
			byId.put(related.get(i).id(), json.get(i));
		}
		for (int i = 0; i < records.size(); i++) {
			UUID parent = records.get(i).id();
			List<Map<String, Object>> children = new ArrayList<>();
			if (link != null) {
				for (int j = 0; j < related.size(); j++) {
					if (related.get(j).get(link) instanceof RecordRef ref && ref.id().equals(parent) && children.size() < top) {
						children.add(json.get(j));
					}
				}
			} else {
				for (UUID child : childrenOf.getOrDefault(parent, List.of())) {
					if (byId.containsKey(child) && children.size() < top) {
						children.add(byId.get(child));
					}
				}
			}
			rows.get(i).put(n.name(), children);
			if (page.nextCursor() != null && children.size() < top) {
				rows.get(i).put(n.name() + "@odata.nextLink", base + "/" + entity.entitySetName() + "(" + parent + ")/" + n.name());
			}
		}
	}

	private static RapportException unsupported(String why) {
		return new RapportException(400, "InvalidQueryOption", "Invalid $expand: " + why + ".",
				List.of(new RapportException.AttributeError("$expand", why)));
	}
}
