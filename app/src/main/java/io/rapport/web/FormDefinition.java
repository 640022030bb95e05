package io.rapport.web;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An entity's main form, as Dataverse's {@code systemform} describes it with less ceremony: tabs, each with columns of
 * sections; a section holds fields (attribute logical names, in order) or one component — the timeline, the record's
 * connections, a subgrid of one 1:N relationship, every related subgrid not placed elsewhere ("related"), or the
 * read-only record information. Stored as JSON ({@code formjson}); the lists are mutable so the form editor can change
 * a copy and {@link #problems check} it before it is saved.
 */
record FormDefinition(String name, List<Tab> tabs) {

	static final Set<String> COMPONENTS = Set.of("timeline", "connections", "subgrid", "related", "recordinfo");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Tab(String name, String label, List<Column> columns) {
	}

	record Column(List<Section> sections) {
	}

	/** A section: {@code fields} when {@code component} is null; a subgrid names its child entity and lookup. */
	record Section(String name, String label, List<String> fields, String component, String entity, String attribute) {

		public boolean holdsFields() {
			return component == null;
		}

		Section renamed(String newLabel) {
			return new Section(name, newLabel, fields, component, entity, attribute);
		}
	}

	/** A section and where it is: tab and column index and its position in the column. */
	record Place(Tab tab, Column column, int index, Section section) {
	}

	/** Reads a form's JSON; a malformed one is refused with an {@link IllegalArgumentException} saying what is wrong. */
	@SuppressWarnings("unchecked")
	static FormDefinition read(String json) {
		Map<String, Object> root;
		try {
			root = JSON.readValue(json, Map.class);
		} catch (JacksonException e) {
			throw new IllegalArgumentException("the form is not valid JSON: " + e.getOriginalMessage());
		}
		if (root == null || !(root.get("tabs") instanceof List<?> tabs)) {
			throw new IllegalArgumentException("a form needs a list of tabs");
		}
		List<Tab> list = new ArrayList<>();
		for (Object t : tabs) {
			Map<String, Object> tab = map(t, "a tab");
			List<Column> columns = new ArrayList<>();
			for (Object c : list(tab.get("columns"), "a tab's columns")) {
				List<Section> sections = new ArrayList<>();
				for (Object s : list(map(c, "a column").get("sections"), "a column's sections")) {
					Map<String, Object> section = map(s, "a section");
					String component = string(section.get("component"));
					List<String> fields = new ArrayList<>();
					if (component == null) {
						for (Object f : list(section.get("fields"), "a section's fields")) {
							fields.add(String.valueOf(f));
						}
					}
					sections.add(new Section(string(section.get("name")), string(section.get("label")), fields, component,
							string(section.get("entity")), string(section.get("attribute"))));
				}
				columns.add(new Column(sections));
			}
			list.add(new Tab(string(tab.get("name")), string(tab.get("label")), columns));
		}
		return new FormDefinition(string(root.get("name")), list);
	}

	String json() {
		Map<String, Object> root = new LinkedHashMap<>();
		if (name != null) {
			root.put("name", name);
		}
		List<Object> tabList = new ArrayList<>();
		for (Tab t : tabs) {
			List<Object> columns = new ArrayList<>();
			for (Column c : t.columns()) {
				List<Object> sections = new ArrayList<>();
				for (Section s : c.sections()) {
					Map<String, Object> m = new LinkedHashMap<>();
					m.put("name", s.name());
					m.put("label", s.label());
					if (s.holdsFields()) {
						m.put("fields", s.fields());
					} else {
						m.put("component", s.component());
						if (s.entity() != null) {
							m.put("entity", s.entity());
							m.put("attribute", s.attribute());
						}
					}
					sections.add(m);
				}
				columns.add(Map.of("sections", sections));
			}
			Map<String, Object> tab = new LinkedHashMap<>();
			tab.put("name", t.name());
			tab.put("label", t.label());
			tab.put("columns", columns);
			tabList.add(tab);
		}
		root.put("tabs", tabList);
		return JSON.writeValueAsString(root);
	}

	/** A deep copy whose lists the editor may change. */
	FormDefinition copy() {
		return read(json());
	}

	Optional<Place> find(String sectionName) {
		for (Tab t : tabs) {
			for (Column c : t.columns()) {
				for (int i = 0; i < c.sections().size(); i++) {
					if (c.sections().get(i).name().equals(sectionName)) {
						return Optional.of(new Place(t, c, i, c.sections().get(i)));
					}
				}
			}
		}
		return Optional.empty();
	}

	/** The section that holds a field, if the form shows it. */
	Optional<Section> sectionOf(String field) {
		return sections().stream().filter(s -> s.fields().contains(field)).findFirst();
	}

	List<Section> sections() {
		List<Section> all = new ArrayList<>();
		tabs.forEach(t -> t.columns().forEach(c -> all.addAll(c.sections())));
		return all;
	}

	/** A section name not used yet, made from a label ("Sales details" → sales_details, then sales_details_2…). */
	String newSectionName(String label) {
		String base = Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (base.isEmpty()) {
			base = "section";
		}
		base = base.length() > 40 ? base.substring(0, 40) : base;
		Set<String> used = new HashSet<>();
		sections().forEach(s -> used.add(s.name()));
		String candidate = base;
		for (int n = 2; used.contains(candidate); n++) {
			candidate = base + "_" + n;
		}
		return candidate;
	}

	/**
	 * What is wrong with this form for the entity, as messages for an administrator (empty: it may be saved): names and
	 * labels present and unique, every field an attribute a person can type into, on the form once, every component
	 * known, and a subgrid's relationship one that points at this entity.
	 */
	List<String> problems(EntityDefinition entity, Metadata metadata) {
		List<String> problems = new ArrayList<>();
		if (tabs.isEmpty()) {
			problems.add("a form needs at least one tab");
		}
		Set<String> tabNames = new HashSet<>();
		Set<String> sectionNames = new HashSet<>();
		Set<String> fieldsSeen = new HashSet<>();
		Set<String> componentsSeen = new HashSet<>();
		for (Tab t : tabs) {
			if (blank(t.name()) || !tabNames.add(t.name())) {
				problems.add("every tab needs a name of its own (" + t.name() + ")");
			}
			if (blank(t.label())) {
				problems.add("the tab " + t.name() + " needs a label");
			}
			if (t.columns().isEmpty()) {
				problems.add("the tab " + t.label() + " needs at least one column");
			}
			for (Column c : t.columns()) {
				for (Section s : c.sections()) {
					if (blank(s.name()) || !sectionNames.add(s.name())) {
						problems.add("every section needs a name of its own (" + s.name() + ")");
					}
					if (blank(s.label())) {
						problems.add("the section " + s.name() + " needs a label");
					} else if (s.label().length() > 100) {
						problems.add("the section label '" + s.label() + "' is longer than 100 characters");
					}
					if (s.holdsFields()) {
						for (String f : s.fields()) {
							Optional<AttributeDefinition> a = entity.attribute(f);
							if (a.isEmpty()) {
								problems.add(entity.displayName() + " has no field " + f);
							} else if (!Fields.editable(entity, a.get())) {
								problems.add(a.get().displayName() + " (" + f + ") is set by the system and cannot be on a form");
							} else if (!fieldsSeen.add(f)) {
								problems.add(a.get().displayName() + " (" + f + ") is on the form twice");
							}
						}
					} else if (!COMPONENTS.contains(s.component())) {
						problems.add("the section " + s.name() + " has an unknown component " + s.component());
					} else if (s.component().equals("subgrid")) {
						boolean relates = s.entity() != null && s.attribute() != null
								&& metadata.find(s.entity()).flatMap(e -> e.attribute(s.attribute()))
									.map(a -> a.targets().contains(entity.logicalName())).orElse(false);
						if (!relates) {
							problems.add("the subgrid " + s.name() + " names no relationship to " + entity.displayName().toLowerCase());
						} else if (!componentsSeen.add("subgrid:" + s.entity() + "." + s.attribute())) {
							problems.add("the subgrid of " + s.entity() + "." + s.attribute() + " is on the form twice");
						}
					} else if (!componentsSeen.add(s.component())) {
						problems.add("the " + s.component() + " is on the form twice");
					}
				}
			}
		}
		return problems;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object o, String what) {
		if (o instanceof Map<?, ?> m) {
			return (Map<String, Object>) m;
		}
		throw new IllegalArgumentException(what + " must be an object");
	}

	private static List<?> list(Object o, String what) {
		if (o == null) {
			return List.of();
		}
		if (o instanceof List<?> l) {
			return l;
		}
		throw new IllegalArgumentException(what + " must be a list");
	}

	private static String string(Object o) {
		return o == null ? null : String.valueOf(o);
	}
}
