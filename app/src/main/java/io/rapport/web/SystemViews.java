package io.rapport.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.QueryJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default system view of each entity (a {@code savedquery} record, organization-owned): what an administrator chose
 * for everybody's list — columns in order, filter and sort — read and saved through the query model and the record
 * pipeline with the user's principal.
 */
@Component
class SystemViews {

	/** The id of the default system view among a list page's views. */
	static final String ID = "system";

	private static final Logger log = LoggerFactory.getLogger(SystemViews.class);
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Queries queries;
	private final Records records;

	SystemViews(Queries queries, Records records) {
		this.queries = queries;
		this.records = records;
	}

	record SystemView(UUID id, String name, long version, Query query, Map<String, Object> json) {
	}

	/**
	 * The entity's default system view, if there is one the user may read and its stored query still reads (a view
	 * naming an attribute that no longer exists is skipped, with a warning in the log, rather than breaking the list).
	 */
	Optional<SystemView> defaultView(Principal who, String entity) {
		List<EntityRecord> found;
		try {
			found = queries.execute(who, Query.of("savedquery").select("name", "querydefinition", "versionnumber")
				.where(Criterion.and(Criterion.where("returnedtypecode", Operator.Eq, entity),
						Criterion.where("isdefault", Operator.Eq, true), Criterion.where("querytype", Operator.Eq, 0)))
				.orderBy(Order.desc("modifiedon")).page(1)).records();
		} catch (RapportException e) {
			if (e.status() == 403) {
				return Optional.empty();
			}
			throw e;
		}
		if (found.isEmpty()) {
			return Optional.empty();
		}
		EntityRecord r = found.get(0);
		try {
			Map<String, Object> json = read(r.getString("querydefinition"));
			return Optional.of(new SystemView(r.id(), r.getString("name"), r.version(), QueryJson.read(json), json));
		} catch (RuntimeException e) {
			log.warn("The system view {} of {} cannot be read and is skipped: {}", r.id(), entity, e.getMessage());
			return Optional.empty();
		}
	}

	/** Makes {@code json} the entity's default view: updates the current default, or creates it. */
	UUID saveDefault(Principal who, String entity, String name, Map<String, Object> json, Long version) {
		String definition = JSON.writeValueAsString(json);
		Optional<SystemView> current = defaultView(who, entity);
		if (current.isPresent()) {
			EntityRecord changes = new EntityRecord("savedquery", current.get().id()).set("name", name).set("querydefinition", definition);
			if (version != null) {
				changes.set("versionnumber", version);
			}
			records.update(who, changes);
			return current.get().id();
		}
		return records.create(who, new EntityRecord("savedquery").set("name", name).set("returnedtypecode", entity)
			.set("querytype", 0).set("isdefault", true).set("querydefinition", definition));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(String json) {
		return JSON.readValue(json, Map.class);
	}
}
