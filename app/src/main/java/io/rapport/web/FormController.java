package io.rapport.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateRecordsFound;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.security.AccessControl;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Privilege;

/**
 * A record's form, laid out by the entity's main form definition ({@link Forms}: tabs, sections, fields, subgrids and
 * the timeline): open, create, save with optimistic concurrency (the version the form was
 * read at travels in a hidden field; a stale form is refused, never saved over someone else's change), activate and
 * deactivate, delete after a confirmation that says what the delete takes with it, and assign. Commands are shown
 * only when the user holds the privilege, and every one goes through the same record pipeline and access checks as
 * the API, which refuse a crafted request anyway.
 */
@Controller
class FormController {

	private final Metadata metadata;
	private final Records records;
	private final Names names;
	private final Sitemap sitemap;
	private final AccessControl access;
	private final DuplicateDetection duplicates;
	private final Related related;
	private final CurrentPrincipal principal;
	private final Forms forms;

	private final MoneyDisplay money;

	FormController(Metadata metadata, Records records, Names names, Sitemap sitemap, AccessControl access,
			DuplicateDetection duplicates, Related related, CurrentPrincipal principal, Forms forms, MoneyDisplay money) {
		this.forms = forms;
		this.money = money;
		this.metadata = metadata;
		this.records = records;
		this.names = names;
		this.sitemap = sitemap;
		this.access = access;
		this.duplicates = duplicates;
		this.related = related;
		this.principal = principal;
	}

	@GetMapping("/app/{entity}/new")
	String newRecord(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Model model) {
		model.addAttribute("requestedTab", params.getFirst("tab"));
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		if (!sitemap.privileged(who, Privilege.Create).contains(entity)) {
			throw RapportException.forbidden("You may not create " + def.displayCollectionName().toLowerCase() + ".");
		}
		Map<String, String> values = new HashMap<>();
		params.forEach((k, v) -> values.put(k, v.get(0)));
		return form(model, def, null, values, Map.of(), null, -1);
	}

	@GetMapping("/app/{entity}/{id}")
	String open(@PathVariable String entity, @PathVariable UUID id, @RequestParam(required = false) String tab, Model model) {
		model.addAttribute("requestedTab", tab);
		EntityDefinition def = metadata.entity(entity);
		EntityRecord record = records.retrieve(principal.get(), entity, id);
		return form(model, def, record, inputs(def, record), Map.of(), null, record.version());
	}

	@PostMapping("/app/{entity}/new")
	String create(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		Map<String, String> posted = posted(params);
		model.addAttribute("requestedTab", params.getFirst("tab"));
		try {
			EntityRecord record = fromForm(def, posted, null, null);
			UUID id = params.containsKey("suppressduplicates") ? duplicates.suppressed(() -> records.create(who, record))
					: records.create(who, record);
			return params.containsKey("saveandclose") ? "redirect:/app/" + entity
					: "redirect:/app/" + entity + "/" + id + tab(params, "?");
		} catch (DuplicateRecordsFound e) {
			model.addAttribute("duplicates", e.matches());
			return form(model, def, null, posted, Map.of(), "This record may be a duplicate. Check the records below, or save it anyway.", -1);
		} catch (RapportException e) {
			if (e.status() == 403 || e.status() == 404) {
				throw e;
			}
			return form(model, def, null, posted, errors(e), e.getMessage(), -1);
		}
	}

	@PostMapping("/app/{entity}/{id}")
	String save(@PathVariable String entity, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
			Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		EntityRecord current = records.retrieve(who, entity, id);
		Map<String, String> posted = posted(params);
		long version = Long.parseLong(params.getFirst("versionnumber"));
		model.addAttribute("requestedTab", params.getFirst("tab"));
		try {
			EntityRecord changes = fromForm(def, posted, current, id);
			changes.set("versionnumber", version);
			if (changes.values().size() > 1) {
				if (params.containsKey("suppressduplicates")) {
					duplicates.suppressed(() -> {
						records.update(who, changes);
						return null;
					});
				} else {
					records.update(who, changes);
				}
			} else if (current.version() != version) {
				throw RapportException.conflict("ConcurrencyVersionMismatch", "stale");
			}
			return params.containsKey("saveandclose") ? "redirect:/app/" + entity : "redirect:/app/" + entity + "/" + id + "?saved" + tab(params, "&");
		} catch (DuplicateRecordsFound e) {
			model.addAttribute("duplicates", e.matches());
			return form(model, def, current, posted, Map.of(), "This record may be a duplicate. Check the records below, or save it anyway.", version);
		} catch (RapportException e) {
			if (e.status() == 403 || e.status() == 404) {
				throw e;
			}
			if (e.code().equals("ConcurrencyVersionMismatch")) {
				model.addAttribute("stale", true);
				model.addAttribute("status409", true);
				return form(model, def, current, posted, Map.of(),
						"Someone else changed this record after you opened it. Your changes are below and have not been saved: "
								+ "reload the record to see the current values, then make your changes again.", version);
			}
			return form(model, def, current, posted, errors(e), e.getMessage(), version);
		}
	}

	@PostMapping("/app/{entity}/{id}/state")
	String state(@PathVariable String entity, @PathVariable UUID id, @RequestParam String to) {
		EntityDefinition def = metadata.entity(entity);
		int state = "active".equals(to) ? 0 : inactiveState(def);
		records.setState(principal.get(), new RecordRef(entity, id), state, null);
		return "redirect:/app/" + entity + "/" + id;
	}

	@GetMapping("/app/{entity}/{id}/delete")
	String confirmDelete(@PathVariable String entity, @PathVariable UUID id, Model model) {
		EntityDefinition def = metadata.entity(entity);
		EntityRecord record = records.retrieve(principal.get(), entity, id);
		model.addAttribute("entity", def);
		model.addAttribute("record", record);
		model.addAttribute("name", name(def, record));
		model.addAttribute("consequences", consequences(def));
		return "delete";
	}

	@PostMapping("/app/{entity}/{id}/delete")
	String delete(@PathVariable String entity, @PathVariable UUID id, @RequestParam long versionnumber) {
		metadata.entity(entity);
		records.delete(principal.get(), new RecordRef(entity, id), versionnumber);
		return "redirect:/app/" + entity + "?deleted";
	}

	@PostMapping("/app/{entity}/{id}/assign")
	String assign(@PathVariable String entity, @PathVariable UUID id, @RequestParam String owner) {
		metadata.entity(entity);
		AttributeDefinition ownerAttribute = metadata.entity(entity).requireAttribute("ownerid");
		records.assign(principal.get(), new RecordRef(entity, id), Fields.reference(ownerAttribute, owner));
		return "redirect:/app/" + entity + "/" + id + "?assigned";
	}

	/** The tab the person was on, to open it again after a save ("" when none or not a tab name). */
	private static String tab(MultiValueMap<String, String> params, String separator) {
		String tab = params.getFirst("tab");
		return tab != null && tab.matches("[a-z0-9_]{1,60}") ? separator + "tab=" + tab : "";
	}

	private static int inactiveState(EntityDefinition def) {
		return def.requireAttribute("statecode").options().stream().mapToInt(OptionDefinition::value).filter(v -> v != 0)
			.findFirst().orElseThrow(() -> new RapportException(400, "NoInactiveState", def.displayName() + " has no inactive state."));
	}

	/** What deleting a record of this entity does to related records, as the relationships' cascades say. */
	private List<String> consequences(EntityDefinition def) {
		List<String> lines = new ArrayList<>();
		for (RelationshipDefinition r : metadata.oneToManyFrom(def.logicalName())) {
			if (r.referencingEntity().equals(def.logicalName()) && r.referencingAttribute().equals("masterid")) {
				continue;
			}
			String child = metadata.find(r.referencingEntity()).map(EntityDefinition::displayCollectionName).orElse(r.referencingEntity());
			String via = metadata.find(r.referencingEntity()).flatMap(e -> e.attribute(r.referencingAttribute()))
				.map(AttributeDefinition::displayName).orElse(r.referencingAttribute());
			CascadeType delete = r.cascade().delete();
			if (delete == CascadeType.Cascade) {
				lines.add(child + " whose " + via + " is this record are deleted too.");
			} else if (delete == CascadeType.Restrict) {
				lines.add("The delete is refused while " + child.toLowerCase() + " have this record as " + via + ".");
			} else if (delete == CascadeType.RemoveLink) {
				lines.add(child + " keep existing; their " + via + " is cleared.");
			}
		}
		return lines.stream().distinct().toList();
	}

	static Map<String, String> posted(MultiValueMap<String, String> params) {
		Map<String, String> m = new LinkedHashMap<>();
		params.forEach((k, v) -> {
			if (k.startsWith("a_")) {
				m.put(k.substring(2), String.join(",", v));
			}
		});
		params.forEach((k, v) -> {
			if (k.startsWith("t_")) {
				m.put(k.substring(2) + "#text", v.get(0));
			}
		});
		return m;
	}

	/** The record the form describes: on update only the attributes whose value differs from the stored one. */
	private EntityRecord fromForm(EntityDefinition def, Map<String, String> posted, EntityRecord current, UUID id) {
		EntityRecord record = new EntityRecord(def.logicalName(), id);
		List<RapportException.AttributeError> errors = new ArrayList<>();
		for (AttributeDefinition a : def.attributes()) {
			if (!posted.containsKey(a.logicalName()) || !Fields.editable(def, a)) {
				continue;
			}
			String raw = posted.get(a.logicalName());
			try {
				if (a.type().isReference() && (raw == null || raw.isBlank()) && !blank(posted.get(a.logicalName() + "#text"))) {
					throw RapportException.invalid(a.logicalName(), "choose a record from the list, or clear the field");
				}
				Object value = Fields.parse(a, raw);
				if (current == null) {
					if (value != null) {
						record.set(a.logicalName(), value);
					}
				} else if (!Fields.input(a, value == null ? null : io.rapport.metadata.AttributeValues.coerce(a, value))
					.equals(Fields.input(a, current.get(a.logicalName())))) {
					record.set(a.logicalName(), value);
				}
			} catch (RapportException e) {
				errors.addAll(e.errors().isEmpty() ? List.of(new RapportException.AttributeError(a.logicalName(), e.getMessage()))
						: e.errors());
			}
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
		return record;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static Map<String, String> errors(RapportException e) {
		Map<String, String> m = new HashMap<>();
		e.errors().forEach(err -> m.merge(err.attribute(), err.message(), (x, y) -> x + "; " + y));
		return m;
	}

	private static Map<String, String> inputs(EntityDefinition def, EntityRecord record) {
		Map<String, String> m = new HashMap<>();
		for (AttributeDefinition a : def.attributes()) {
			if (record.has(a.logicalName())) {
				m.put(a.logicalName(), Fields.input(a, record.get(a.logicalName())));
			}
		}
		return m;
	}

	private String name(EntityDefinition def, EntityRecord record) {
		String n = def.primaryNameAttribute() == null ? null : record.getString(def.primaryNameAttribute());
		return n == null || n.isBlank() ? "(no name)" : n;
	}

	private String form(Model model, EntityDefinition def, EntityRecord record, Map<String, String> values,
			Map<String, String> errors, String message, long version) {
		Principal who = principal.get();
		List<RecordRef> refs = new ArrayList<>();
		for (AttributeDefinition a : def.attributes()) {
			String v = values.get(a.logicalName());
			if (a.type().isReference() && !blank(v)) {
				try {
					refs.add(Fields.reference(a, v));
				} catch (RapportException ignored) {
					// typed text that matches no record: shown as typed
				}
			}
			if (record != null && record.get(a.logicalName()) instanceof RecordRef r) {
				refs.add(r);
			}
		}
		Map<RecordRef, String> named = names.of(who, refs);
		Map<String, FormLayout.Field> fields = new HashMap<>();
		for (AttributeDefinition a : def.attributes()) {
			if (!Fields.editable(def, a) || !access.canRead(who, def, a)) {
				continue;
			}
			String v = values.getOrDefault(a.logicalName(), "");
			String display = null;
			String href = null;
			if (a.type().isReference()) {
				display = values.get(a.logicalName() + "#text");
				if (!blank(v)) {
					try {
						RecordRef ref = Fields.reference(a, v);
						display = named.getOrDefault(ref, "(a record you cannot see)");
						href = named.containsKey(ref) ? "/app/" + ref.entity() + "/" + ref.id() : null;
					} catch (RapportException ignored) {
						v = "";
					}
				}
			}
			fields.put(a.logicalName(), new FormLayout.Field(a.logicalName(), a.displayName(), Fields.kind(a),
					a.requiredLevel().required(), v, display, a.options(), a.targets(), a.maxLength(), errors.get(a.logicalName()),
					false, href));
		}
		List<FormLayout.Field> info = new ArrayList<>();
		if (record != null) {
			for (String n : List.of("ownerid", "statecode", "statuscode", "exchangerate", "createdon", "createdby", "modifiedon", "modifiedby")) {
				if (n.equals("exchangerate") && (record.get(n) == null || Fields.editable(def, def.requireAttribute(n)))) {
					continue;
				}
				def.attribute(n).ifPresent(a -> {
					Object v = record.get(n);
					String href = v instanceof RecordRef r && named.containsKey(r) && !r.entity().equals("systemuser")
							? "/app/" + r.entity() + "/" + r.id() : null;
					info.add(new FormLayout.Field(n, a.displayName(), "text", false, "", Fields.display(a, v, named), List.of(),
							List.of(), null, null, true, href));
				});
			}
		}
		Related.Parts parts = record == null ? null : related.of(who, def, record);
		List<FormLayout.TabView> tabs = tabs(forms.main(who, def).definition(), fields, info, parts,
				(String) model.getAttribute("requestedTab"));
		List<String> unplaced = errors.keySet().stream()
			.filter(k -> tabs.stream().flatMap(t -> t.columns().stream()).flatMap(c -> c.sections().stream())
				.filter(sec -> sec.kind().equals("fields")).flatMap(sec -> sec.fields().stream()).noneMatch(f -> f.name().equals(k)))
			.map(k -> def.attribute(k).map(AttributeDefinition::displayName).orElse(k) + ": " + errors.get(k)).toList();
		model.addAttribute("tabs", tabs);
		model.addAttribute("activeTab", tabs.stream().filter(FormLayout.TabView::active).map(FormLayout.TabView::name)
			.findFirst().orElse(""));
		model.addAttribute("connections", parts == null ? null : parts.connections());
		model.addAttribute("entity", def);
		model.addAttribute("record", record);
		model.addAttribute("id", record == null ? null : record.id());
		model.addAttribute("name", record == null ? "New " + def.displayName().toLowerCase() : name(def, record));
		if (fields.values().stream().anyMatch(f -> f.kind().equals("money")) && io.rapport.currency.Currencies.carriesCurrency(def)) {
			model.addAttribute("currency", money.forInput(values.get(io.rapport.currency.Currencies.ATTRIBUTE)));
		}
		model.addAttribute("message", message);
		model.addAttribute("unplacedErrors", unplaced);
		model.addAttribute("version", version);
		model.addAttribute("active", record == null || !(record.get("statecode") instanceof Number s) || s.intValue() == 0);
		boolean hasState = def.attribute("statecode").isPresent() && def.requireAttribute("statecode").options().size() > 1;
		model.addAttribute("hasState", hasState);
		if (hasState) {
			AttributeDefinition state = def.requireAttribute("statecode");
			String inactive = state.option(inactiveState(def)).map(OptionDefinition::label).orElse("Inactive");
			String active = state.option(0).map(OptionDefinition::label).orElse("Active");
			model.addAttribute("deactivateLabel", inactive.equals("Inactive") ? "Deactivate" : "Mark " + inactive);
			model.addAttribute("activateLabel", active.equals("Active") ? "Activate" : "Reopen");
		}
		model.addAttribute("can", record == null ? Map.of("Create", sitemap.privileged(who, Privilege.Create).contains(def.logicalName()))
				: privileges(who, def, record));
		model.addAttribute("canCheckDuplicates", record != null && DuplicatesPageController.checkable(def));
		model.addAttribute("canAddExistingActivity", parts != null && parts.canAddExistingActivity());
		return "form";
	}

	/**
	 * The form definition as the page shows it: fields the user may not read (field security) and sections, columns
	 * and tabs left with nothing to show are left out; the open tab is the first with a field at fault, else the one
	 * asked for, else the first.
	 */
	private static List<FormLayout.TabView> tabs(FormDefinition form, Map<String, FormLayout.Field> fields,
			List<FormLayout.Field> info, Related.Parts parts, String requested) {
		Set<String> placedGrids = new HashSet<>();
		form.sections().stream().filter(s -> "subgrid".equals(s.component()))
			.forEach(s -> placedGrids.add(Related.key(s.entity(), s.attribute())));
		List<FormLayout.TabView> shown = new ArrayList<>();
		for (FormDefinition.Tab tab : form.tabs()) {
			List<List<FormLayout.SectionView>> columns = new ArrayList<>();
			boolean hasError = false;
			for (FormDefinition.Column column : tab.columns()) {
				List<FormLayout.SectionView> sections = new ArrayList<>();
				for (FormDefinition.Section s : column.sections()) {
					FormLayout.SectionView view = section(s, fields, info, parts, placedGrids);
					if (view != null) {
						sections.add(view);
						hasError |= view.fields().stream().anyMatch(f -> f.error() != null);
					}
				}
				if (!sections.isEmpty()) {
					columns.add(sections);
				}
			}
			if (!columns.isEmpty()) {
				List<FormLayout.ColumnView> views = new ArrayList<>();
				for (int i = 0; i < columns.size(); i++) {
					views.add(new FormLayout.ColumnView(FormLayout.columnCss(columns.size(), i), columns.get(i)));
				}
				shown.add(new FormLayout.TabView(tab.name(), tab.label(), false, hasError, views));
			}
		}
		String active = shown.stream().filter(FormLayout.TabView::hasError).map(FormLayout.TabView::name).findFirst()
			.orElseGet(() -> shown.stream().map(FormLayout.TabView::name).filter(n -> n.equals(requested)).findFirst()
				.orElse(shown.isEmpty() ? null : shown.get(0).name()));
		return shown.stream().map(t -> new FormLayout.TabView(t.name(), t.label(), t.name().equals(active), t.hasError(),
				t.columns())).toList();
	}

	private static FormLayout.SectionView section(FormDefinition.Section s, Map<String, FormLayout.Field> fields,
			List<FormLayout.Field> info, Related.Parts parts, Set<String> placedGrids) {
		String id = "sec-" + s.name();
		if (s.holdsFields()) {
			List<FormLayout.Field> shown = s.fields().stream().map(fields::get).filter(java.util.Objects::nonNull).toList();
			return shown.isEmpty() ? null : new FormLayout.SectionView(id, s.label(), "fields", shown, List.of());
		}
		if (parts == null) {
			return null;
		}
		return switch (s.component()) {
			case "recordinfo" -> info.isEmpty() ? null : new FormLayout.SectionView(id, s.label(), "recordinfo", info, List.of());
			case "timeline" -> parts.timeline() ? new FormLayout.SectionView(id, s.label(), "timeline", List.of(), List.of()) : null;
			case "connections" -> parts.connections() == null ? null
					: new FormLayout.SectionView(id, s.label(), "connections", List.of(), List.of());
			case "subgrid" -> {
				Related.Subgrid grid = parts.subgrids().get(Related.key(s.entity(), s.attribute()));
				yield grid == null ? null : new FormLayout.SectionView(id, s.label(), "subgrid", List.of(), List.of(grid));
			}
			case "related" -> {
				List<Related.Subgrid> grids = parts.subgrids().entrySet().stream().filter(e -> !placedGrids.contains(e.getKey()))
					.map(Map.Entry::getValue).toList();
				yield grids.isEmpty() ? null : new FormLayout.SectionView(id, s.label(), "related", List.of(), grids);
			}
			default -> null;
		};
	}

	private Map<String, Boolean> privileges(Principal who, EntityDefinition def, EntityRecord record) {
		Map<String, Boolean> can = new HashMap<>();
		for (Privilege p : List.of(Privilege.Write, Privilege.Delete, Privilege.Assign, Privilege.Share, Privilege.AppendTo)) {
			try {
				access.check(who, p, def, record);
				can.put(p.name(), true);
			} catch (RapportException e) {
				can.put(p.name(), false);
			}
		}
		return can;
	}
}
