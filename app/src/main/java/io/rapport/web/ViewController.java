package io.rapport.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.rapport.security.AccessRight;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Privilege;
import io.rapport.security.Sharing;
import io.rapport.web.ListQueries.Column;
import io.rapport.web.ListQueries.View;
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
	private final CurrentPrincipal principal;
	private final ListQueries lists;
	private final Sharing sharing;

	ViewController(Metadata metadata, Queries queries, Records records, Names names, Sitemap sitemap,
			CurrentPrincipal principal, ListQueries lists, Sharing sharing, MoneyDisplay money) {
		this.lists = lists;
		this.sharing = sharing;
		this.money = money;
		this.metadata = metadata;
		this.queries = queries;
		this.records = records;
		this.names = names;
		this.sitemap = sitemap;
		this.principal = principal;
	}

	private final MoneyDisplay money;

	record Cell(String text, String href) {
	}

	record Row(UUID id, List<Cell> cells) {
	}

	/** The rights offered when sharing a personal view: seeing it, changing it, passing it on. */
	static final List<AccessRight> VIEW_RIGHTS = List.of(AccessRight.Read, AccessRight.Write, AccessRight.Share);

	@GetMapping("/app/{entity}")
	String list(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		ListQueries.ListQuery list = lists.resolve(who, def, params);
		ListState state = list.state();
		View view = list.view();
		List<FilterRows.Relation> relations = list.relations();
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
		model.addAttribute("view", view);
		model.addAttribute("columns", columns);
		model.addAttribute("rows", rows);
		model.addAttribute("error", error);
		model.addAttribute("nextLink", next);
		model.addAttribute("previousLink", state.previousLink(entity));
		model.addAttribute("attributes", lists.filterable(who, def));
		model.addAttribute("canCreate", sitemap.privileged(who, Privilege.Create).contains(entity));
		model.addAttribute("canDelete", sitemap.privileged(who, Privilege.Delete).contains(entity));
		model.addAttribute("canAssign", def.attribute("ownerid").isPresent()
				&& sitemap.privileged(who, Privilege.Assign).contains(entity));
		model.addAttribute("canMerge", def.attribute("masterid").isPresent()
				&& sitemap.privileged(who, Privilege.Write).contains(entity));
		model.addAttribute("canCheckDuplicates", DuplicatesPageController.checkable(def));
		model.addAttribute("filter", editor(who, relations, state.filter(), ListState.TOP, "", new int[] { 0 }));
		Set<AccessRight> rights = view.personal() ? viewRights(who, UUID.fromString(view.id())) : Set.of();
		model.addAttribute("canShareView", rights.contains(AccessRight.Share));
		model.addAttribute("canRenameView", rights.contains(AccessRight.Write));
		model.addAttribute("canDeleteView", rights.contains(AccessRight.Delete));
		return "list";
	}

	@GetMapping("/app/{entity}/filter-row")
	String filterRow(@PathVariable String entity, @RequestParam(required = false) String fg,
			@RequestParam(required = false) String fr, @RequestParam(required = false) String fa,
			@RequestParam(required = false) String fo, @RequestParam(required = false) String fv, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		model.addAttribute("entity", def);
		model.addAttribute("row", lists.row(who, lists.relations(who, def), ListState.key(fg, "fg"), fr, fa, fo, fv));
		return "list :: filterRow";
	}

	/** A new group of the filter editor inside the group {@code gp}: "any of" its conditions, with one empty row. */
	@GetMapping("/app/{entity}/filter-group")
	String filterGroup(@PathVariable String entity, @RequestParam(required = false) String gp, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		String key = FilterRows.groupKey();
		model.addAttribute("entity", def);
		model.addAttribute("group", new FilterRows.GroupRows(key, ListState.key(gp, "gp"), true,
				List.of(lists.row(who, lists.relations(who, def), key, "", null, null, null)), List.of(), true));
		return "list :: filterGroup";
	}

	@PostMapping("/app/{entity}/views")
	String saveView(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		String name = params.getFirst("viewname");
		if (name == null || name.isBlank()) {
			throw RapportException.invalid("viewname", "give the view a name");
		}
		// the list page's form names the view it shows: a saved filter the editor cannot show is saved as it is
		ListState state = params.containsKey("view") ? lists.resolve(who, def, params).state() : ListState.from(params);
		Map<String, Object> json = state.json(def.logicalName(), lists.filter(def, state, lists.relations(who, def)));
		Query checked = QueryJson.read(json);
		queries.execute(who, checked.page(1));
		UUID id = records.create(who, new EntityRecord("userquery").set("name", name.trim())
			.set("returnedtypecode", def.logicalName())
			.set("querydefinition", JSON.writeValueAsString(json)));
		return "redirect:/app/" + entity + "?view=" + id;
	}

	/** Renames a personal view: the update goes through the pipeline, which checks Write on the view. */
	@PostMapping("/app/{entity}/views/{id}/rename")
	String renameView(@PathVariable String entity, @PathVariable UUID id, @RequestParam(defaultValue = "") String name) {
		Principal who = principal.get();
		personalView(who, metadata.entity(entity), id);
		if (name.isBlank()) {
			throw RapportException.invalid("name", "give the view a name");
		}
		records.update(who, new EntityRecord("userquery", id).set("name", name.trim()));
		return "redirect:/app/" + entity + "?view=" + id;
	}

	/** Deletes a personal view (the pipeline checks Delete on it) once the user has confirmed it. */
	@PostMapping("/app/{entity}/views/{id}/delete")
	String deleteView(@PathVariable String entity, @PathVariable UUID id, @RequestParam(required = false) String confirm) {
		Principal who = principal.get();
		personalView(who, metadata.entity(entity), id);
		if (!"yes".equals(confirm)) {
			throw RapportException.invalid("confirm", "tick the box to confirm that the view is to be deleted");
		}
		records.delete(who, new RecordRef("userquery", id));
		return "redirect:/app/" + entity + "?viewdeleted";
	}

	/** Who a personal view is shared with, and the form to share it: the record share page's, for the view. */
	@GetMapping("/app/{entity}/views/{id}/share")
	String shareView(@PathVariable String entity, @PathVariable UUID id, Model model) {
		Principal who = principal.get();
		EntityDefinition def = metadata.entity(entity);
		View view = personalView(who, def, id);
		if (!viewRights(who, id).contains(AccessRight.Share)) {
			throw RapportException.forbidden("You may not share the view " + view.name() + ".");
		}
		RecordRef ref = new RecordRef("userquery", id);
		List<Sharing.Share> shares = sharing.shares(who, ref);
		Map<RecordRef, String> named = names.of(who, shares.stream().map(Sharing.Share::grantee).toList());
		model.addAttribute("entity", def);
		model.addAttribute("name", view.name());
		model.addAttribute("shares", shares.stream().map(s -> new RelatedController.ShareRow(s.grantee().entity() + ":"
				+ s.grantee().id(), named.getOrDefault(s.grantee(), "(unknown)"),
				s.grantee().entity().equals("team") ? "Team" : "User", s.rights())).toList());
		model.addAttribute("rights", VIEW_RIGHTS);
		model.addAttribute("back", "/app/" + entity + "?view=" + id);
		model.addAttribute("action", "/app/" + entity + "/views/" + id + "/share");
		model.addAttribute("lookupEntity", "userquery");
		model.addAttribute("title", "Share the view " + view.name());
		return "share";
	}

	/** Shares a personal view or stops sharing it: the same engine calls, and checks, as sharing a record. */
	@PostMapping("/app/{entity}/views/{id}/share")
	String sharedView(@PathVariable String entity, @PathVariable UUID id, @RequestParam(defaultValue = "") String grantee,
			@RequestParam(required = false) List<String> rights, @RequestParam(required = false) String revoke) {
		Principal who = principal.get();
		personalView(who, metadata.entity(entity), id);
		RecordRef ref = new RecordRef("userquery", id);
		if (revoke != null) {
			sharing.revoke(who, ref, RelatedController.granteeRef(revoke));
		} else {
			if (rights == null || rights.isEmpty()) {
				throw RapportException.invalid("rights", "choose at least one right to share");
			}
			Set<AccessRight> set = EnumSet.noneOf(AccessRight.class);
			for (String r : rights) {
				set.add(VIEW_RIGHTS.stream().filter(v -> v.name().equals(r)).findFirst()
					.orElseThrow(() -> RapportException.invalid("rights", "'" + r + "' is not a right a view is shared with")));
			}
			sharing.grant(who, ref, RelatedController.granteeRef(grantee), set);
		}
		return "redirect:/app/" + entity + "/views/" + id + "/share?done";
	}

	/** A personal view in the user's chooser (theirs, or shared with them) for the entity; any other is not found. */
	private View personalView(Principal who, EntityDefinition def, UUID id) {
		View view = ListQueries.find(lists.views(who, def), id.toString());
		if (!view.personal()) {
			throw new RapportException(404, "ViewNotFound", "That view does not exist, or it is not yours.");
		}
		return view;
	}

	/** What the user may do with a personal view: their roles over its owner and what was shared with them. */
	private Set<AccessRight> viewRights(Principal who, UUID id) {
		return sharing.principalAccess(who, new RecordRef("userquery", id), new RecordRef("systemuser", who.userId()));
	}

	/**
	 * The editor's rows for a group of the list's filter and the groups inside it, numbered in the order they appear.
	 * A condition the editor would show otherwise than the URL says (an operator its attribute does not offer) is
	 * refused, so the editor never shows one filter while the list runs another.
	 */
	private FilterRows.GroupRows editor(Principal who, List<FilterRows.Relation> relations, ListState.Group group, String key,
			String parent, int[] last) {
		List<FilterRows.Row> rows = new ArrayList<>();
		for (ListState.Condition c : group.conditions()) {
			FilterRows.Row row = lists.row(who, relations, key, c.relation(), c.attribute(), c.operator(), c.value());
			if (row.attribute() != null && !row.operators().containsKey(c.operator())) {
				throw RapportException.invalid("fo", "'" + c.operator() + "' is not an operator the filter offers for "
						+ c.attribute());
			}
			rows.add(row);
		}
		List<FilterRows.GroupRows> groups = new ArrayList<>();
		for (ListState.Group g : group.groups()) {
			groups.add(editor(who, relations, g, String.valueOf(++last[0]), key, last));
		}
		return new FilterRows.GroupRows(key, parent, group.or(), rows, groups, false);
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
		Map<UUID, io.rapport.currency.Currency> currencies = money.of(page);
		List<Row> rows = new ArrayList<>();
		for (EntityRecord r : page) {
			List<Cell> cells = new ArrayList<>();
			for (Column c : columns) {
				Object v = r.get(c.name());
				AttributeDefinition a = def.attribute(c.name()).orElse(null);
				String text = MoneyDisplay.display(a, v, named, currencies.get(r.id()));
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
