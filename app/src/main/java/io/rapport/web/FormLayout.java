package io.rapport.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.OptionDefinition;

/**
 * What a form page shows, and the form of an entity without a definition: generated from metadata, the entity's
 * attributes grouped into sections by what they are (general, contact details, addresses, preferences, description,
 * custom fields), in the order metadata lists them.
 */
final class FormLayout {

	private FormLayout() {
	}

	record Field(String name, String label, String kind, boolean required, String value, String display,
			List<OptionDefinition> options, List<String> targets, Integer maxLength, String error, boolean readOnly,
			String href) {

		public String id() {
			return "f-" + name;
		}
	}

	/** A section as the page shows it: its fields, or the component it holds with what that component needs. */
	record SectionView(String id, String label, String kind, List<Field> fields, List<Related.Subgrid> grids) {
	}

	record ColumnView(String css, List<SectionView> sections) {
	}

	/** A tab of the page: open or not, and whether one of its fields has a problem. */
	record TabView(String name, String label, boolean active, boolean hasError, List<ColumnView> columns) {
	}

	/** The column widths of a tab by how many columns it shows: one takes the width, two split it 7:5. */
	static String columnCss(int count, int index) {
		return switch (count) {
			case 1 -> "col-12";
			case 2 -> index == 0 ? "col-xl-7" : "col-xl-5";
			default -> "col-xl";
		};
	}

	/** The titles of the generated sections, in the order a generated form shows them. */
	private static final List<String> TITLES = List.of("General", "Contact information", "Address", "Second address",
			"Contact preferences", "Description", "Custom fields");

	/**
	 * The main form of an entity that has none stored or shipped: one tab with the attributes grouped into sections
	 * by what they are and the record information in the first column; the timeline, connections and every related
	 * subgrid in the second.
	 */
	static FormDefinition generated(EntityDefinition def) {
		Map<String, List<String>> by = new LinkedHashMap<>();
		TITLES.forEach(t -> by.put(t, new ArrayList<>()));
		for (AttributeDefinition a : def.attributes()) {
			if (Fields.editable(def, a)) {
				by.computeIfAbsent(section(def, a), k -> new ArrayList<>()).add(a.logicalName());
			}
		}
		List<FormDefinition.Section> fields = new ArrayList<>();
		by.forEach((title, list) -> {
			if (!list.isEmpty()) {
				fields.add(new FormDefinition.Section(title.toLowerCase().replace(' ', '_'), title, list, null, null, null));
			}
		});
		fields.add(new FormDefinition.Section("record_information", "Record information", new ArrayList<>(), "recordinfo", null, null));
		List<FormDefinition.Section> side = new ArrayList<>(List.of(
				new FormDefinition.Section("timeline", "Timeline", new ArrayList<>(), "timeline", null, null),
				new FormDefinition.Section("connections", "Connections", new ArrayList<>(), "connections", null, null),
				new FormDefinition.Section("related_records", "Related records", new ArrayList<>(), "related", null, null)));
		return new FormDefinition(def.displayName(), new ArrayList<>(List.of(new FormDefinition.Tab("general", "General",
				new ArrayList<>(List.of(new FormDefinition.Column(fields), new FormDefinition.Column(side)))))));
	}

	static String section(EntityDefinition entity, AttributeDefinition a) {
		String n = a.logicalName();
		if (a.custom() && !entity.custom()) {
			return "Custom fields";
		}
		if (n.startsWith("address1_")) {
			return "Address";
		}
		if (n.startsWith("address2_")) {
			return "Second address";
		}
		if (n.startsWith("emailaddress") || n.startsWith("telephone") || n.equals("mobilephone") || n.equals("fax")
				|| n.equals("websiteurl")) {
			return "Contact information";
		}
		if (n.startsWith("donot") || n.equals("preferredcontactmethodcode")) {
			return "Contact preferences";
		}
		if (a.type() == AttributeType.Memo) {
			return "Description";
		}
		return "General";
	}
}
