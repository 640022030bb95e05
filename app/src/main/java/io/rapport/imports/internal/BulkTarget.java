package io.rapport.imports.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.core.RapportException;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;
import io.rapport.query.QueryJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records a bulk job (delete, assign) targets: the query's entity, filter and links, read by id in ascending order so that a
 * batch starts after the last id processed, and limited to records created before the job started.
 */
record BulkTarget(EntityDefinition entity, Query query) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The query as the job's input stores it: {@code {"query": {...}}}. */
	static String input(Map<String, Object> query) {
		return JSON.writeValueAsString(Map.of("query", query));
	}

	@SuppressWarnings("unchecked")
	static BulkTarget of(Metadata metadata, String input) {
		Object query;
		try {
			query = input == null ? null : JSON.readValue(input, Map.class).get("query");
		} catch (JacksonException e) {
			query = null;
		}
		if (!(query instanceof Map<?, ?> map)) {
			throw RapportException.invalid("query", "the bulk job has no query in its input");
		}
		return of(metadata, (Map<String, Object>) map);
	}

	static BulkTarget of(Metadata metadata, Map<String, Object> json) {
		if (json == null) {
			throw RapportException.invalid("query", "a bulk job needs a query, such as {\"entity\": \"contact\", \"filter\": {...}}");
		}
		Query query = QueryJson.read(json, "query");
		EntityDefinition entity = metadata.find(query.entity())
			.orElseThrow(() -> RapportException.invalid("query.entity", "'" + query.entity() + "' is not an entity"));
		return new BulkTarget(entity, query);
	}

	/** The records of the query created before {@code cutoff}, ids only, in id order. */
	Query before(OffsetDateTime cutoff, int batchSize) {
		String id = entity.primaryIdAttribute();
		return new Query(entity.logicalName(), List.of(id), query.filter(), query.links(), List.of(Order.asc(id)), batchSize,
				null, false, false).where(Criterion.where("createdon", Operator.Lt, cutoff));
	}

	/** The next batch of {@link #before}: the records after the given id. */
	Query after(Query before, UUID lastId) {
		return lastId == null ? before : before.where(Criterion.where(entity.primaryIdAttribute(), Operator.Gt, lastId));
	}
}
