package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.QueryJson;
import io.rapport.security.AccessControl;
import io.rapport.security.CurrentPrincipal;

/**
 * The system view editor: for one entity, the columns of its default view and their order, the sort and a filter of
 * up to {@value #CONDITIONS} conditions (all or any). The view is checked by running it once, then saved as the
 * entity's default {@code savedquery}; every user's list opens with it from then on.
 */
@Controller
class ViewSettingsController {

	static final int CONDITIONS = 3;

	static final Map<String, String> OPERATORS = new LinkedHashMap<>();

	static {
		OPERATORS.put("Eq", "equals");
		OPERATORS.put("Ne", "does not equal");
		OPERATORS.put("BeginsWith", "begins with");
		OPERATORS.put("Contains", "contains");
		OPERATORS.put("EndsWith", "ends with");
		OPERATORS.put("Gt", "is greater than");
		OPERATORS.put("Ge", "is greater than or equal to");
		OPERATORS.put("Lt", "is less than");
		OPERATORS.put("Le", "is less than or equal to");
		OPERATORS.put("On", "on (date)");
		OPERATORS.put("OnOrAfter", "on or after (date)");
		OPERATORS.put("OnOrBefore", "on or before (date)");
		OPERATORS.put("LastXDays", "in the last N days");
		OPERATORS.put("NextXDays", "in the next N days");
		OPERATORS.put("Today", "today");
		OPERATORS.put("EqUserId", "equals current user");
		OPERATORS.put("NeUserId", "does not equal current user");
		OPERATORS.put("Null", "does not contain data");
		OPERATORS.put("NotNull", "contains data");
	}

	private final Metadata metadata;
	private final Queries queries;
	private final SystemViews systemViews;
	private final AccessControl access;
	private final CurrentPrincipal principal;

	ViewSettingsController(Metadata metadata, Queries queries, SystemViews systemViews, AccessControl access,
			CurrentPrincipal principal) {
		this.metadata = metadata;
		this.queries = queries;
		this.systemViews = systemViews;
		this.access = access;
		this.principal = principal;
	}

	/** An attribute in the column chooser: shown or not, and where. */
	record ColumnChoice(String name, String label, boolean shown, String order, boolean sortable) {
	}

	/** A row of the filter editor. */
	record ConditionRow(int index, String attribute, String operator, String value) {
	}

	@GetMapping("/app/settings/views")
	String editor(@RequestParam(required = false) String entity, Model model) {
		EntityDefinition def = entity == null ? metadata.entity("account") : metadata.entity(entity);
		Principal who = principal.get();
		Optional<SystemViews.SystemView> current = systemViews.defaultView(who, def.logicalName());
		Query q = current.map(SystemViews.SystemView::query).orElse(null);
		List<String> columns = q == null ? ViewController.defaultColumns(def) : q.columns();
		Order order = q == null || q.orders().isEmpty() ? null : q.orders().get(0);
		List<ConditionRow> conditions = new ArrayList<>();
		boolean or = false;
		if (q != null && q.filter() != null) {
			List<Criterion> parts = q.filter() instanceof Criterion.Group g ? g.criteria() : List.of(q.filter());
			or = q.filter() instanceof Criterion.Group g && g.or();
			for (Criterion c : parts) {
				if (c instanceof Criterion.Condition cond && cond.alias() == null && cond.values().size() <= 1) {
					conditions.add(new ConditionRow(conditions.size(), cond.attribute(), cond.operator().name(),
							cond.values().isEmpty() ? "" : String.valueOf(cond.values().get(0))));
				} else {
					// a group inside, a related-entity condition or a "not" (saved through the API): said, not dropped unsaid
					model.addAttribute("filterNotShown", true);
				}
			}
		}
		Map<String, String> orders = new HashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			orders.put(columns.get(i), String.valueOf(i + 1));
		}
		String name = current.map(SystemViews.SystemView::name).orElse("Default " + def.displayCollectionName().toLowerCase());
		return page(model, def, name, current.map(SystemViews.SystemView::version).orElse(null), orders,
				order == null ? def.primaryNameAttribute() : order.attribute(), order != null && order.descending(), or, conditions,
				Map.of(), null, current.isPresent());
	}

	@PostMapping("/app/settings/views")
	String save(@RequestParam MultiValueMap<String, String> params, Model model) {
		String entity = params.getFirst("entity");
		if (entity == null || entity.isBlank()) {
			throw RapportException.invalid("entity", "choose the entity whose view you are changing");
		}
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		Map<String, String> errors = new LinkedHashMap<>();
		Map<String, String> orders = new HashMap<>();
		List<AttributeDefinition> choosable = choosable(who, def);
		for (AttributeDefinition a : choosable) {
			if (params.containsKey("show_" + a.logicalName())) {
				String o = params.getFirst("order_" + a.logicalName());
				orders.put(a.logicalName(), o == null ? "" : o.trim());
				if (o != null && !o.isBlank() && !o.trim().matches("\\d{1,4}")) {
					errors.put("order_" + a.logicalName(), "a position is a whole number, such as 1 for the first column");
				}
			}
		}
		List<ConditionRow> conditions = new ArrayList<>();
		List<String> fa = params.getOrDefault("fa", List.of());
		List<String> fo = params.getOrDefault("fo", List.of());
		List<String> fv = params.getOrDefault("fv", List.of());
		for (int i = 0; i < fa.size(); i++) {
			if (fa.get(i) != null && !fa.get(i).isBlank()) {
				conditions.add(new ConditionRow(conditions.size(), fa.get(i), i < fo.size() ? fo.get(i) : "Eq", i < fv.size() ? fv.get(i) : ""));
			}
		}
		String name = SettingsController.trimmed(params.getFirst("name"));
		String sort = SettingsController.trimmed(params.getFirst("sort"));
		boolean descending = params.containsKey("desc");
		boolean or = "or".equals(params.getFirst("fm"));
		Long version = params.getFirst("versionnumber") == null || params.getFirst("versionnumber").isBlank() ? null
				: Long.valueOf(params.getFirst("versionnumber").replaceAll("\\D", "0"));
		try {
			if (name == null) {
				errors.put("name", "give the view a name");
			}
			if (orders.isEmpty()) {
				errors.put("columns", "choose at least one column");
			}
			for (ConditionRow c : conditions) {
				if (!OPERATORS.containsKey(c.operator())) {
					errors.put("fo_" + c.index(), "choose an operator from the list");
				}
			}
			if (!errors.isEmpty()) {
				throw RapportException.invalid(errors.entrySet().stream()
					.map(e -> new RapportException.AttributeError(e.getKey(), e.getValue())).toList());
			}
			Map<String, Object> json = json(def, orders, sort, descending, or, conditions);
			Query q = QueryJson.read(json);
			queries.execute(who, q.page(1));
			systemViews.saveDefault(who, def.logicalName(), name, json, version);
			return "redirect:/app/settings/views?entity=" + def.logicalName() + "&saved";
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			Map<String, String> all = new LinkedHashMap<>(errors);
			all.putAll(FormErrors.of(e));
			String message = e.code().equals("ConcurrencyVersionMismatch") ? SettingsController.message(e)
					: "The view was not saved: " + e.getMessage();
			return page(model, def, name, version, orders, sort, descending, or, conditions, all, message, version != null);
		}
	}

	/** Columns in the chosen order: by position, then those without one by their label. */
	private static Map<String, Object> json(EntityDefinition def, Map<String, String> orders, String sort, boolean descending,
			boolean or, List<ConditionRow> conditions) {
		List<String> columns = new ArrayList<>(orders.keySet());
		columns.sort(Comparator.comparing((String c) -> orders.get(c).isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(orders.get(c)))
			.thenComparing(c -> def.attribute(c).map(AttributeDefinition::displayName).orElse(c)));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("entity", def.logicalName());
		json.put("columns", columns);
		List<Object> conds = new ArrayList<>();
		for (ConditionRow c : conditions) {
			Operator op = Operator.valueOf(c.operator());
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("attribute", c.attribute());
			m.put("operator", op.name());
			m.put("values", op.arity() == 0 ? List.of() : List.of(c.value() == null ? "" : c.value()));
			conds.add(m);
		}
		if (!conds.isEmpty()) {
			json.put("filter", Map.of(or ? "or" : "and", conds));
		}
		if (sort != null) {
			json.put("orders", List.of(Map.of("attribute", sort, "descending", descending)));
		}
		return json;
	}

	private List<AttributeDefinition> choosable(Principal who, EntityDefinition def) {
		return def.attributes().stream()
			.filter(a -> access.canRead(who, def, a))
			.filter(a -> !a.logicalName().equals(def.primaryIdAttribute()) && !a.logicalName().equals("versionnumber")
					&& !a.logicalName().equals("documentbody") && a.type() != AttributeType.Uniqueidentifier)
			.sorted(Comparator.comparing(AttributeDefinition::displayName))
			.toList();
	}

	private String page(Model model, EntityDefinition def, String name, Long version, Map<String, String> orders, String sort,
			boolean descending, boolean or, List<ConditionRow> conditions, Map<String, String> errors, String message, boolean exists) {
		Principal who = principal.get();
		List<ColumnChoice> columns = choosable(who, def).stream()
			.map(a -> new ColumnChoice(a.logicalName(), a.displayName(), orders.containsKey(a.logicalName()),
					orders.getOrDefault(a.logicalName(), ""), !a.type().isReference() && a.type() != AttributeType.MultiSelectPicklist))
			.sorted(Comparator.comparing((ColumnChoice c) -> !c.shown())
				.thenComparing(c -> c.order().matches("\\d+") ? Integer.parseInt(c.order()) : Integer.MAX_VALUE))
			.toList();
		List<ConditionRow> rows = new ArrayList<>(conditions);
		while (rows.size() < CONDITIONS) {
			rows.add(new ConditionRow(rows.size(), "", "Eq", ""));
		}
		model.addAttribute("entities", metadata.entities().stream().sorted(Comparator.comparing(EntityDefinition::displayCollectionName)).toList());
		model.addAttribute("entity", def);
		model.addAttribute("name", name);
		model.addAttribute("version", version);
		model.addAttribute("exists", exists);
		model.addAttribute("columns", columns);
		model.addAttribute("sort", sort);
		model.addAttribute("descending", descending);
		model.addAttribute("or", or);
		model.addAttribute("conditions", rows);
		model.addAttribute("operators", OPERATORS);
		model.addAttribute("errors", errors);
		model.addAttribute("message", message);
		return "settings/views";
	}
}
