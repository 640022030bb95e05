package io.rapport.api.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.activities.Activities;
import io.rapport.activities.ActivityParty;
import io.rapport.activities.ActivityType;
import io.rapport.activities.Participation;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Activities with their parties in one call: {@code POST /api/activities/phonecall} with the activity's attributes
 * (Dataverse-shaped, binds included) and {@code "parties":[{"participation":"To","party":{"entity":"contact","id":…}}]}.
 */
@RestController
@RequestMapping("/api/activities")
@Tag(name = "Activities", description = "Phone calls, emails, letters, faxes, appointments and tasks with their parties")
class ActivitiesController {

	private static final Set<String> PARTY_KEYS = Set.of("participation", "party", "address");

	private final Activities activities;
	private final Records records;
	private final Metadata metadata;
	private final CurrentPrincipal principal;

	ActivitiesController(Activities activities, Records records, Metadata metadata, CurrentPrincipal principal) {
		this.activities = activities;
		this.records = records;
		this.metadata = metadata;
		this.principal = principal;
	}

	@PostMapping("/{type}")
	@Operation(summary = "Create an activity and its parties in one transaction")
	ResponseEntity<Map<String, Object>> create(@PathVariable String type, @RequestBody Map<String, Object> body) {
		EntityDefinition entity = activity(type);
		Map<String, Object> attributes = new LinkedHashMap<>(body);
		List<ActivityParty> parties = parties(attributes.remove("parties"));
		Principal who = principal.get();
		UUID id = activities.create(who, RecordJson.read(metadata, entity, attributes, null), parties);
		return ResponseEntity.created(URI.create("/api/activities/" + entity.logicalName() + "/" + id))
			.body(representation(who, entity, id));
	}

	@GetMapping("/{type}/{id}")
	@Operation(summary = "An activity with its parties")
	Map<String, Object> get(@PathVariable String type, @PathVariable String id) {
		return representation(principal.get(), activity(type), uuid(id));
	}

	@PostMapping("/{type}/{id}/state")
	@Operation(summary = "Complete, cancel or reopen an activity: {\"statecode\":1,\"statuscode\":2}")
	Map<String, Object> setState(@PathVariable String type, @PathVariable String id, @RequestBody Map<String, Object> body) {
		EntityDefinition entity = activity(type);
		Principal who = principal.get();
		UUID activityId = uuid(id);
		records.setState(who, new RecordRef(entity.logicalName(), activityId), whole("statecode", body.get("statecode"), true),
				body.get("statuscode") == null ? null : whole("statuscode", body.get("statuscode"), false));
		return representation(who, entity, activityId);
	}

	private Map<String, Object> representation(Principal who, EntityDefinition entity, UUID id) {
		Map<String, Object> json = new LinkedHashMap<>(RecordJson.write(entity, records.retrieve(who, entity.logicalName(), id)));
		List<Map<String, Object>> parties = new ArrayList<>();
		for (ActivityParty p : activities.parties(who, new RecordRef(entity.logicalName(), id))) {
			Map<String, Object> party = new LinkedHashMap<>();
			party.put("activitypartyid", p.id().toString());
			party.put("participation", p.participation().label());
			party.put("participationtypemask", p.participation().value());
			party.put("party", p.party() == null ? null : Map.of("entity", p.party().entity(), "id", p.party().id().toString()));
			party.put("address", p.addressUsed());
			parties.add(party);
		}
		json.put("parties", parties);
		return json;
	}

	private EntityDefinition activity(String type) {
		return metadata.entity(ActivityType.of("type", type).logicalName());
	}

	private List<ActivityParty> parties(Object given) {
		if (given == null) {
			return List.of();
		}
		if (!(given instanceof List<?> list)) {
			throw RapportException.invalid("parties", "expects a list of {\"participation\",\"party\",\"address\"}");
		}
		List<ActivityParty> parties = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			String field = "parties[" + i + "]";
			if (!(list.get(i) instanceof Map<?, ?> item)) {
				throw RapportException.invalid(field, "expects an object {\"participation\",\"party\",\"address\"}");
			}
			for (Object key : item.keySet()) {
				if (!PARTY_KEYS.contains(String.valueOf(key))) {
					throw RapportException.invalid(field + "." + key, "is not a field of a party; use " + PARTY_KEYS);
				}
			}
			Object participation = item.get("participation");
			if (participation == null) {
				throw RapportException.invalid(field + ".participation", "is required");
			}
			Object address = item.get("address");
			if (address != null && !(address instanceof String)) {
				throw RapportException.invalid(field + ".address", "expects text");
			}
			parties.add(new ActivityParty(null, Participation.parse(field + ".participation", participation),
					party(field + ".party", item.get("party")), (String) address));
		}
		return parties;
	}

	private RecordRef party(String field, Object given) {
		if (given == null) {
			return null;
		}
		if (given instanceof Map<?, ?> m && m.get("entity") instanceof String entity && m.get("id") instanceof String id
				&& m.size() == 2) {
			if (metadata.find(entity).isEmpty()) {
				throw RapportException.invalid(field, "'" + entity + "' is not an entity");
			}
			try {
				return new RecordRef(entity, UUID.fromString(id));
			} catch (IllegalArgumentException e) {
				throw RapportException.invalid(field, "'" + id + "' is not a valid GUID");
			}
		}
		throw RapportException.invalid(field, "expects {\"entity\":\"contact\",\"id\":\"<guid>\"}");
	}

	private static int whole(String field, Object value, boolean required) {
		if (value instanceof Integer i) {
			return i;
		}
		throw RapportException.invalid(field, value == null && required ? "is required" : "expects a whole number");
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid("id", "'" + id + "' is not a valid GUID");
		}
	}
}
