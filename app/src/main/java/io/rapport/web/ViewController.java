package io.rapport.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.QueryJson;
import io.rapport.query.RecordPage;
import io.rapport.security.AccessControl;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Privilege;
import io.rapport.web.ListQueries.Column;
import tools.jackson.databind.json.JsonMapper;

/**
 * The list page of any entity: a system or personal view, columns from metadata, sort by header, quick find, a
 * filter editor, keyset paging (never a count of every row), row selection, and saving the current view as a
 * personal view ({@code userquery}).
 */
@Controller
class ViewController {

	static final int PAGE_SIZE = 50;
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Metadata metadata;
	private final Queries queries;
	private final Records records;
	private final Names names;
	private final Sitemap sitemap;
	private final AccessControl access;
	private final CurrentPrincipal principal;
	private final ListQueries lists;

	ViewController(Metadata metadata, Queries queries, Records records, Names names, Sitemap sitemap,
			AccessControl access, CurrentPrincipal principal, ListQueries lists) {
		this.lists = lists;
		this.metadata = metadata;
		this.queries = queries;
		this.records = records;
		this.names = names;
		this.sitemap = sitemap;
		this.access = access;
		this.principal = principal;
	}

	record Cell(String text, String href) {
	}

	record Row(UUID id, List<Cell> cells) {
	}

	@GetMapping("/app/{entity}")
	String list(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		ListQueries.ListQuery list = lists.resolve(who, def, params);
		ListState state = list.state();
		List<Column> columns = list.columns();
		String error = null;
		List<Row> rows = List.of();
		String next = null;
		try {
			RecordPage page = queries.execute(who, lists.query(def, list, PAGE_SIZE));
			rows = rows(who, def, columns, page.records());
			next = page.nextCursor() == null ? null : state.nextLink(entity, page.nextCursor());
		} catch (RapportException e) {
			error = e.getMessage();
		}
		model.addAttribute("entity", def);
		model.addAttribute("state", state);
		model.addAttribute("views", list.views());
		model.addAttribute("view", list.view());
		model.addAttribute("columns", columns);
		model.addAttribute("rows", rows);
		model.addAttribute("error", error);
		model.addAttribute("nextLink", next);
		model.addAttribute("previousLink", state.previousLink(entity));
		model.addAttribute("attributes", filterable(who, def));
		model.addAttribute("canCreate", sitemap.privileged(who, Privilege.Create).contains(entity));
		model.addAttribute("canDelete", sitemap.privileged(who, Privilege.Delete).contains(entity));
		model.addAttribute("canAssign", def.attribute("ownerid").isPresent()
				&& sitemap.privileged(who, Privilege.Assign).contains(entity));
		model.addAttribute("canMerge", def.attribute("masterid").isPresent()
				&& sitemap.privileged(who, Privilege.Write).contains(entity));
		model.addAttribute("canCheckDuplicates", DuplicatesPageController.checkable(def));
		model.addAttribute("conditionRows", state.conditions().stream()
			.map(c -> FilterRows.row(def, c.attribute(), c.operator(), c.value())).toList());
		return "list";
	}

	@GetMapping("/app/{entity}/filter-row")
	String filterRow(@PathVariable String entity, @RequestParam(required = false) String fa,
			@RequestParam(required = false) String fo, @RequestParam(required = false) String fv, Model model) {
		EntityDefinition def = metadata.entity(entity);
		model.addAttribute("entity", def);
		model.addAttribute("attributes", filterable(principal.get(), def));
		model.addAttribute("row", FilterRows.row(def, fa, fo, fv));
		return "list :: filterRow";
	}

	@PostMapping("/app/{entity}/views")
	String saveView(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params) {
		EntityDefinition def = metadata.entity(entity);
		String name = params.getFirst("viewname");
		if (name == null || name.isBlank()) {
			throw RapportException.invalid("viewname", "give the view a name");
		}
		ListState state = ListState.from(params);
		Query checked = QueryJson.read(state.json(def.logicalName()));
		queries.execute(principal.get(), checked.page(1));
		UUID id = records.create(principal.get(), new EntityRecord("userquery").set("name", name.trim())
			.set("returnedtypecode", def.logicalName())
			.set("querydefinition", JSON.writeValueAsString(state.json(def.logicalName()))));
		return "redirect:/app/" + entity + "?view=" + id;
	}

	/** The primary name and a sensible default set from what the entity has. */
	static List<String> defaultColumns(EntityDefinition def) {
		List<String> cols = new ArrayList<>();
		if (def.primaryNameAttribute() != null) {
			cols.add(def.primaryNameAttribute());
		}
		List<String> preferred = List.of("parentcustomerid", "parentaccountid", "primarycontactid", "emailaddress1",
				"telephone1", "address1_city", "regardingobjectid", "objectid", "scheduledend", "prioritycode",
				"domainname", "internalemailaddress", "businessunitid", "teamtype", "record1id", "record2id",
				"record1roleid", "category", "baseentitytypecode");
		for (String p : preferred) {
			if (cols.size() < 5 && def.attribute(p).isPresent()) {
				cols.add(p);
			}
		}
		for (AttributeDefinition a : def.attributes()) {
			if (cols.size() < 4 && a.custom() && !cols.contains(a.logicalName()) && a.type() != io.rapport.metadata.AttributeType.Memo) {
				cols.add(a.logicalName());
			}
		}
		if (def.attribute("ownerid").isPresent()) {
			cols.add("ownerid");
		}
		if (def.attribute("modifiedon").isPresent()) {
			cols.add("modifiedon");
		}
		return cols;
	}

	/** Attributes offered in the filter editor and the column chooser, by display name. */
	private List<AttributeDefinition> filterable(Principal who, EntityDefinition def) {
		return def.attributes().stream()
			.filter(a -> access.canRead(who, def, a) && FilterRows.operators(a).size() > 0)
			.filter(a -> !a.logicalName().equals(def.primaryIdAttribute()) && !a.logicalName().equals("versionnumber")
					&& !a.logicalName().equals("documentbody"))
			.sorted(java.util.Comparator.comparing(AttributeDefinition::displayName))
			.toList();
	}

	private List<Row> rows(Principal who, EntityDefinition def, List<Column> columns, List<EntityRecord> page) {
		List<RecordRef> refs = new ArrayList<>();
		for (EntityRecord r : page) {
			for (Column c : columns) {
				if (r.get(c.name()) instanceof RecordRef ref) {
					refs.add(ref);
				}
			}
		}
		Map<RecordRef, String> named = names.of(who, refs);
		List<Row> rows = new ArrayList<>();
		for (EntityRecord r : page) {
			List<Cell> cells = new ArrayList<>();
			for (Column c : columns) {
				Object v = r.get(c.name());
				AttributeDefinition a = def.attribute(c.name()).orElse(null);
				String text = Fields.display(a, v, named);
				String href = null;
				if (c.primary()) {
					href = "/app/" + def.logicalName() + "/" + r.id();
					text = text.isBlank() ? "(no name)" : text;
				} else if (v instanceof RecordRef ref && named.containsKey(ref) && metadata.find(ref.entity()).isPresent()) {
					href = "/app/" + ref.entity() + "/" + ref.id();
				}
				cells.add(new Cell(text, href));
			}
			rows.add(new Row(r.id(), cells));
		}
		return rows;
	}
}
