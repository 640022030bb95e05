package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.core.RapportException;
import io.rapport.query.Query;
import io.rapport.query.QueryJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a duplicate detection job was asked: the records of a query (in the query model's JSON form) and the rules to
 * apply (none: every published rule of the query's entity). Stored as the job's input.
 */
record DuplicateDetectionInput(Map<String, Object> query, List<UUID> ruleIds) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	DuplicateDetectionInput {
		if (query == null) {
			throw RapportException.invalid("query", "a duplicate detection job needs a query, such as {\"entity\": \"contact\"}");
		}
		ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
	}

	Query parsed() {
		return QueryJson.read(query, "query");
	}

	String json() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("query", query);
		m.put("ruleIds", ruleIds.stream().map(UUID::toString).toList());
		return JSON.writeValueAsString(m);
	}

	@SuppressWarnings("unchecked")
	static DuplicateDetectionInput read(String json) {
		Map<String, Object> m;
		try {
			m = json == null ? Map.of() : JSON.readValue(json, Map.class);
		} catch (JacksonException e) {
			m = Map.of();
		}
		if (!(m.get("query") instanceof Map<?, ?> query)) {
			throw RapportException.invalid("query", "the duplicate detection job has no query in its input");
		}
		List<UUID> ids = new ArrayList<>();
		if (m.get("ruleIds") instanceof List<?> list) {
			list.forEach(id -> ids.add(UUID.fromString(id.toString())));
		}
		return new DuplicateDetectionInput((Map<String, Object>) query, ids);
	}
}
