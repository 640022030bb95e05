package io.rapport.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rapport.audit.AuditEntry.AttributeChange;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit row's {@code changedata}: its attribute changes as one JSON document in Dataverse's shape,
 * {@code {"changedAttributes":[{"logicalName":…,"oldValue":…,"newValue":…}]}}.
 */
final class ChangeData {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ChangeData() {
	}

	/** Written with Jackson's generator, not through maps: building a map per attribute was a tenth of a bulk create. */
	static String write(List<AttributeChange> changes) {
		java.io.StringWriter out = new java.io.StringWriter(64 + changes.size() * 64);
		try (tools.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
			g.writeStartObject();
			g.writeArrayPropertyStart("changedAttributes");
			for (AttributeChange c : changes) {
				g.writeStartObject();
				g.writeStringProperty("logicalName", c.attribute());
				g.writeStringProperty("oldValue", c.oldValue());
				g.writeStringProperty("newValue", c.newValue());
				g.writeEndObject();
			}
			g.writeEndArray();
			g.writeEndObject();
		}
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	static List<AttributeChange> read(String changedata) {
		Map<String, Object> document = JSON.readValue(changedata, Map.class);
		List<AttributeChange> changes = new ArrayList<>();
		for (Map<String, Object> a : (List<Map<String, Object>>) document.getOrDefault("changedAttributes", List.of())) {
			changes.add(new AttributeChange((String) a.get("logicalName"), (String) a.get("oldValue"), (String) a.get("newValue")));
		}
		return changes;
	}
}
