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
 * A form generated from metadata: the entity's attributes grouped into sections by what they are (general,
 * contact details, addresses, preferences, description, custom fields), in the order metadata lists them.
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

	record Section(String title, List<Field> fields) {
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

	static List<Section> sections(List<Field> fields, Map<String, String> sectionOf) {
		Map<String, List<Field>> by = new LinkedHashMap<>();
		for (String s : List.of("General", "Contact information", "Address", "Second address", "Contact preferences",
				"Description", "Custom fields")) {
			by.put(s, new ArrayList<>());
		}
		for (Field f : fields) {
			by.computeIfAbsent(sectionOf.get(f.name()), k -> new ArrayList<>()).add(f);
		}
		List<Section> sections = new ArrayList<>();
		by.forEach((title, list) -> {
			if (!list.isEmpty()) {
				sections.add(new Section(title, list));
			}
		});
		return sections;
	}
}
