package io.rapport.audit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

	static String write(List<AttributeChange> changes) {
		List<Map<String, Object>> attributes = new ArrayList<>(changes.size());
		for (AttributeChange c : changes) {
			Map<String, Object> a = new LinkedHashMap<>();
			a.put("logicalName", c.attribute());
			a.put("oldValue", c.oldValue());
			a.put("newValue", c.newValue());
			attributes.add(a);
		}
		return JSON.writeValueAsString(Map.of("changedAttributes", attributes));
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
