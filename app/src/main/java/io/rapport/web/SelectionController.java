package io.rapport.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.AccessControl;
import io.rapport.security.CurrentPrincipal;

/**
 * Commands on the rows selected in a list: delete them (after a confirmation naming them) and merge two duplicates
 * with a field-by-field choice of which record's value survives (the engine's merge).
 */
@Controller
class SelectionController {

	private final Metadata metadata;
	private final Records records;
	private final Merges merges;
	private final Names names;
	private final AccessControl access;
	private final CurrentPrincipal principal;

	SelectionController(Metadata metadata, Records records, Merges merges, Names names, AccessControl access,
			CurrentPrincipal principal) {
		this.metadata = metadata;
		this.records = records;
		this.merges = merges;
		this.names = names;
		this.access = access;
		this.principal = principal;
	}

	record Choice(String name, String label, String first, String second) {
	}

	@GetMapping("/app/{entity}/selection")
	String selection(@PathVariable String entity, @RequestParam(defaultValue = "") String action,
			@RequestParam(required = false) List<UUID> ids, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		List<UUID> selected = ids == null ? List.of() : ids.stream().distinct().toList();
		if (selected.isEmpty()) {
			throw RapportException.invalid("ids", "select at least one row first");
		}
		model.addAttribute("entity", def);
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
		if (!action.equals("delete")) {
			throw RapportException.invalid("action", "choose a command for the selected rows");
		}
		Map<RecordRef, String> named = names.of(who, selected.stream().map(id -> new RecordRef(entity, id)).toList());
		model.addAttribute("selected", selected.stream().map(id -> Map.of("id", id.toString(), "name",
				named.getOrDefault(new RecordRef(entity, id), "(a record you cannot see)"))).toList());
		return "delete-selected";
	}

	@PostMapping("/app/{entity}/selection/delete")
	String deleteSelected(@PathVariable String entity, @RequestParam List<UUID> ids) {
		metadata.entity(entity);
		Principal who = principal.get();
		for (UUID id : ids) {
			records.delete(who, new RecordRef(entity, id));
		}
		return "redirect:/app/" + entity + "?deleted=" + ids.size();
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
