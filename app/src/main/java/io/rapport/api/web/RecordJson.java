package io.rapport.api.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;

/** Dataverse's JSON shape of a record: lookups as {@code _x_value}, binds as {@code x@odata.bind}, an ETag from the row version. */
final class RecordJson {

	private static final Pattern BIND = Pattern.compile("^/?(?:.*/)?([A-Za-z0-9_]+)\\(([0-9a-fA-F-]{36})\\)$");

	private RecordJson() {
	}

	static String etag(long version) {
		return "W/\"" + version + "\"";
	}

	static Map<String, Object> write(EntityDefinition entity, EntityRecord record) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("@odata.etag", etag(record.version()));
		for (Map.Entry<String, Object> e : record.values().entrySet()) {
			String key = e.getKey();
			Object value = e.getValue();
			AttributeDefinition a = key.contains(".") ? null : entity.attribute(key).orElse(null);
			if (a != null && a.type().isReference()) {
				RecordRef ref = (RecordRef) value;
				json.put("_" + key + "_value", ref == null ? null : ref.id().toString());
				if (ref != null && a.targets().size() > 1) {
					json.put("_" + key + "_value@Microsoft.Dynamics.CRM.lookuplogicalname", ref.entity());
				}
			} else {
				json.put(key, value(value));
			}
		}
		return json;
	}

	static Object value(Object value) {
		if (value instanceof OffsetDateTime t) {
			return DateTimeFormatter.ISO_INSTANT.format(t);
		}
		if (value instanceof LocalDate d) {
			return d.toString();
		}
		if (value instanceof UUID u) {
			return u.toString();
		}
		if (value instanceof RecordRef r) {
			return r.id().toString();
		}
		if (value instanceof Collection<?> c) {
			return c.stream().map(Object::toString).collect(Collectors.joining(","));
		}
		if (value instanceof BigDecimal d) {
			return d.stripTrailingZeros().scale() < 0 ? d.setScale(0) : d.stripTrailingZeros();
		}
		return value;
	}

	/** Reads a request body into a record of the entity. Binds become references; annotations are ignored. */
	static EntityRecord read(Metadata metadata, EntityDefinition entity, Map<String, Object> body, UUID id) {
		EntityRecord record = new EntityRecord(entity.logicalName(), id);
		if (body == null) {
			throw new RapportException(400, "InvalidJson", "The request needs a JSON object body.");
		}
		for (Map.Entry<String, Object> e : body.entrySet()) {
			String key = e.getKey();
			if (key.endsWith("@odata.bind")) {
				bind(metadata, entity, record, key.substring(0, key.length() - "@odata.bind".length()), e.getValue());
			} else if (key.startsWith("@") || key.contains("@")) {
				continue;
			} else if (key.startsWith("_") && key.endsWith("_value")) {
				throw RapportException.invalid(key, "is read-only; set the lookup with "
						+ key.substring(1, key.length() - 6) + "@odata.bind");
			} else {
				record.set(key, e.getValue() instanceof Map<?, ?> || e.getValue() instanceof java.util.List<?> l && !isScalarList(l)
						? invalidStructure(key) : e.getValue());
			}
		}
		return record;
	}

	private static boolean isScalarList(java.util.List<?> list) {
		return list.stream().allMatch(v -> v == null || v instanceof Number || v instanceof String);
	}

	private static Object invalidStructure(String key) {
		throw RapportException.invalid(key, "expects a single value, not an object or list");
	}

	private static void bind(Metadata metadata, EntityDefinition entity, EntityRecord record, String navigation, Object value) {
		AttributeDefinition attribute = entity.attribute(navigation).orElse(null);
		String expectedEntity = null;
		if (attribute == null) {
			int underscore = navigation.lastIndexOf('_');
			if (underscore > 0) {
				attribute = entity.attribute(navigation.substring(0, underscore)).orElse(null);
				expectedEntity = navigation.substring(underscore + 1);
			}
		}
		if (attribute == null || !attribute.type().isReference()) {
			throw RapportException.invalid(navigation, "is not a lookup of " + entity.logicalName());
		}
		if (value == null) {
			record.set(attribute.logicalName(), null);
			return;
		}
		Matcher m = BIND.matcher(value.toString().trim());
		if (!m.matches()) {
			throw RapportException.invalid(navigation, "'" + value + "' is not a reference like /accounts(<id>)");
		}
		EntityDefinition target = metadata.findBySetName(m.group(1))
			.orElseThrow(() -> RapportException.invalid(navigation, "'" + m.group(1) + "' is not an entity set"));
		if (expectedEntity != null && !expectedEntity.equals(target.logicalName())) {
			throw RapportException.invalid(navigation, "binds a " + expectedEntity + " but the reference is to " + target.logicalName());
		}
		try {
			record.set(attribute.logicalName(), new RecordRef(target.logicalName(), UUID.fromString(m.group(2))));
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(navigation, "'" + m.group(2) + "' is not a valid GUID");
		}
	}
}
