package io.rapport.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import io.rapport.customers.MergeRequest;
import io.rapport.customers.Merges;
import io.rapport.data.Records;
import io.rapport.imports.BulkAssigns;
import io.rapport.imports.BulkDeletes;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.AccessControl;
import io.rapport.query.Queries;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Privilege;

/**
 * Commands on the rows selected in a list: delete or assign them (after a confirmation naming them), merge two
 * duplicates with a field-by-field choice of which record's value survives (the engine's merge), and check one for
 * duplicates. Delete and assign also apply to every record in the view ({@code all=1} with the list's parameters):
 * the list's own query, run as the user, becomes a background job (bulk delete, bulk assign) after a confirmation that
 * says how many records match.
 */
@Controller
class SelectionController {

	private final Metadata metadata;
	private final Records records;
	private final Merges merges;
	private final Names names;
	private final AccessControl access;
	private final CurrentPrincipal principal;
	private final ListQueries lists;
	private final BulkDeletes bulkDeletes;
	private final BulkAssigns bulkAssigns;
	private final Sitemap sitemap;

	SelectionController(Metadata metadata, Records records, Merges merges, Names names, AccessControl access,
			CurrentPrincipal principal, ListQueries lists, BulkDeletes bulkDeletes, BulkAssigns bulkAssigns, Sitemap sitemap) {
		this.lists = lists;
		this.bulkDeletes = bulkDeletes;
		this.bulkAssigns = bulkAssigns;
		this.sitemap = sitemap;
		this.metadata = metadata;
		this.records = records;
		this.merges = merges;
		this.names = names;
		this.access = access;
		this.principal = principal;
	}

	record Choice(String name, String label, String first, String second) {
	}

	/** "All N records in this view are selected": the banner after choosing every record of the list. */
	@GetMapping("/app/{entity}/selection/all")
	String selectAll(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		ListQueries.ListQuery list = lists.resolve(who, def, params);
		model.addAttribute("entity", def);
		model.addAttribute("count", countText(lists.count(who, def, list)));
		model.addAttribute("view", list.view());
		return "list :: allSelected";
	}

	@GetMapping("/app/{entity}/selection")
	String selection(@PathVariable String entity, @RequestParam(defaultValue = "") String action,
			@RequestParam(required = false) List<UUID> ids, @RequestParam MultiValueMap<String, String> params, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		boolean all = "1".equals(params.getFirst("all")) && (action.equals("delete") || action.equals("assign"));
		List<UUID> selected = ids == null ? List.of() : ids.stream().distinct().toList();
		if (selected.isEmpty() && !all) {
			throw RapportException.invalid("ids", "select at least one row first");
		}
		model.addAttribute("entity", def);
		if (action.equals("duplicates")) {
			if (selected.size() != 1) {
				throw RapportException.invalid("ids", "select exactly one record to check for duplicates");
			}
			return "redirect:/app/" + entity + "/" + selected.get(0) + "/duplicates";
		}
		if (action.equals("merge")) {
			if (selected.size() != 2) {
				throw RapportException.invalid("ids", "select exactly two records to merge");
			}
			EntityRecord a = records.retrieve(who, entity, selected.get(0));
			EntityRecord b = records.retrieve(who, entity, selected.get(1));
			List<RecordRef> refs = new ArrayList<>();
			for (EntityRecord r : List.of(a, b)) {
				r.values().values().forEach(v -> {
					if (v instanceof RecordRef ref) {
						refs.add(ref);
					}
				});
			}
			Map<RecordRef, String> named = names.of(who, refs);
			List<Choice> choices = new ArrayList<>();
			for (AttributeDefinition attr : def.attributes()) {
				if (!Fields.editable(def, attr) || !access.canRead(who, def, attr)) {
					continue;
				}
				Object va = a.get(attr.logicalName());
				Object vb = b.get(attr.logicalName());
				if (va == null && vb == null) {
					continue;
				}
				if (!Objects.equals(va, vb)) {
					choices.add(new Choice(attr.logicalName(), attr.displayName(), Fields.display(attr, va, named),
							Fields.display(attr, vb, named)));
				}
			}
			model.addAttribute("first", a);
			model.addAttribute("second", b);
			model.addAttribute("firstName", name(def, a));
			model.addAttribute("secondName", name(def, b));
			model.addAttribute("choices", choices);
			return "merge";
		}
		if (!action.equals("delete") && !action.equals("assign")) {
			throw RapportException.invalid("action", "choose a command for the selected rows");
		}
		if (action.equals("assign") && def.attribute("ownerid").isEmpty()) {
			throw RapportException.invalid("action", def.displayCollectionName() + " have no owner to assign");
		}
		if (all) {
			requirePrivilege(who, def, action.equals("delete") ? Privilege.Delete : Privilege.Assign);
			ListQueries.ListQuery list = lists.resolve(who, def, params);
			long count = lists.count(who, def, list);
			model.addAttribute("all", true);
			model.addAttribute("count", countText(count));
			model.addAttribute("none", count == 0);
			model.addAttribute("view", list.view());
			model.addAttribute("listParams", list.state().params());
			model.addAttribute("selected", List.of());
		} else {
			Map<RecordRef, String> named = names.of(who, selected.stream().map(id -> new RecordRef(entity, id)).toList());
			model.addAttribute("all", false);
			model.addAttribute("count", String.valueOf(selected.size()));
			model.addAttribute("none", false);
			model.addAttribute("listParams", List.of());
			model.addAttribute("selected", selected.stream().map(id -> Map.of("id", id.toString(), "name",
					named.getOrDefault(new RecordRef(entity, id), "(a record you cannot see)"))).toList());
		}
		return action.equals("delete") ? "delete-selected" : "assign-selected";
	}

	@PostMapping("/app/{entity}/selection/delete")
	String deleteSelected(@PathVariable String entity, @RequestParam(required = false) List<UUID> ids,
			@RequestParam MultiValueMap<String, String> params) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		if ("1".equals(params.getFirst("all"))) {
			requirePrivilege(who, def, Privilege.Delete);
			ListQueries.ListQuery list = lists.resolve(who, def, params);
			bulkDeletes.submit(who, "Delete " + def.displayCollectionName().toLowerCase() + " in the view "
					+ list.view().name(), lists.everyRecord(def, list));
			return "redirect:/app/jobs?submitted";
		}
		if (ids == null || ids.isEmpty()) {
			throw RapportException.invalid("ids", "select at least one row first");
		}
		for (UUID id : ids) {
			records.delete(who, new RecordRef(entity, id));
		}
		return "redirect:/app/" + entity + "?deleted=" + ids.size();
	}

	@PostMapping("/app/{entity}/selection/assign")
	String assignSelected(@PathVariable String entity, @RequestParam(required = false) List<UUID> ids,
			@RequestParam(defaultValue = "") String owner, @RequestParam MultiValueMap<String, String> params) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		RecordRef newOwner = Fields.reference(def.requireAttribute("ownerid"), owner);
		if ("1".equals(params.getFirst("all"))) {
			requirePrivilege(who, def, Privilege.Assign);
			ListQueries.ListQuery list = lists.resolve(who, def, params);
			bulkAssigns.submit(who, "Assign " + def.displayCollectionName().toLowerCase() + " in the view "
					+ list.view().name(), lists.everyRecord(def, list), newOwner);
			return "redirect:/app/jobs?submitted";
		}
		if (ids == null || ids.isEmpty()) {
			throw RapportException.invalid("ids", "select at least one row first");
		}
		for (UUID id : ids) {
			records.assign(who, new RecordRef(entity, id), newOwner);
		}
		return "redirect:/app/" + entity + "?assigned=" + ids.size();
	}

	/** A command on every record of a view is refused at once to a user who holds the privilege on none of them. */
	private void requirePrivilege(Principal who, EntityDefinition def, Privilege privilege) {
		if (!sitemap.privileged(who, privilege).contains(def.logicalName())) {
			throw RapportException.forbidden("You may not " + privilege.name().toLowerCase() + " "
					+ def.displayCollectionName().toLowerCase() + ".");
		}
	}

	/** A count from the query model, which stops counting after {@link Queries#COUNT_CAP}: "5,000+" then. */
	static String countText(long count) {
		return count > Queries.COUNT_CAP ? String.format(Locale.ROOT, "%,d+", Queries.COUNT_CAP)
				: String.format(Locale.ROOT, "%,d", count);
	}

	/** The master keeps its values except where the person chose the other record's value. */
	@PostMapping("/app/{entity}/merge")
	String merge(@PathVariable String entity, @RequestParam UUID first, @RequestParam UUID second,
			@RequestParam String master, @RequestParam Map<String, String> params) {
		metadata.entity(entity);
		boolean firstIsMaster = "first".equals(master);
		UUID target = firstIsMaster ? first : second;
		UUID subordinate = firstIsMaster ? second : first;
		String subordinateSide = firstIsMaster ? "second" : "first";
		Set<String> fromSubordinate = new HashSet<>();
		params.forEach((k, v) -> {
			if (k.startsWith("c_") && v.equals(subordinateSide)) {
				fromSubordinate.add(k.substring(2));
			}
		});
		merges.merge(principal.get(), new MergeRequest(new RecordRef(entity, target), new RecordRef(entity, subordinate),
				Map.of(), fromSubordinate));
		return "redirect:/app/" + entity + "/" + target + "?merged";
	}

	private static String name(EntityDefinition def, EntityRecord r) {
		String n = def.primaryNameAttribute() == null ? null : r.getString(def.primaryNameAttribute());
		return n == null || n.isBlank() ? "(no name)" : n;
	}
}
