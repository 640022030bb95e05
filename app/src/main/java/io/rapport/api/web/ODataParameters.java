package io.rapport.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the parameters of OData actions and functions as Dataverse clients send them: entity references
 * ({@code {"@odata.type":"Microsoft.Dynamics.CRM.account","accountid":…}} or {@code {"@odata.id":"accounts(…)"}}),
 * function parameter lists ({@code Name=@alias,Other='text'}) and parameter aliases in the query string, whose JSON
 * Dataverse's own examples write with single quotes.
 */
final class ODataParameters {

	private static final String NS = "Microsoft.Dynamics.CRM.";
	private static final Pattern ODATA_ID = Pattern.compile("^(?:.*/)?([A-Za-z0-9_]+)\\(([^)]*)\\)$");
	private static final JsonMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

	private ODataParameters() {
	}

	/**
	 * The parameters of a function call: {@code list} is what stands between the parentheses of
	 * {@code Name(P1=@a,P2='x')}, {@code query} the request's query parameters (where aliases are given).
	 */
	static Map<String, Object> functionParameters(String list, Map<String, String> query) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		for (String part : split(list)) {
			int eq = part.indexOf('=');
			if (eq <= 0) {
				throw RapportException.invalid(part.isBlank() ? "(parameters)" : part.trim(), "expects Name=value or Name=@alias");
			}
			String name = part.substring(0, eq).trim();
			String value = part.substring(eq + 1).trim();
			if (value.startsWith("@")) {
				if (!query.containsKey(value)) {
					throw RapportException.invalid(name, "refers to the alias " + value + ", which the query string does not give");
				}
				value = query.get(value);
			}
			if (parameters.put(name, literal(name, value)) != null) {
				throw RapportException.invalid(name, "is given twice");
			}
		}
		return parameters;
	}

	/** One OData literal: 'text', a number, true/false, null, or a JSON object or array. */
	static Object literal(String name, String text) {
		String v = text == null ? "" : text.trim();
		if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
			return v.substring(1, v.length() - 1).replace("''", "'");
		}
		if (v.startsWith("{") || v.startsWith("[")) {
			try {
				return LENIENT.readValue(v, Object.class);
			} catch (JacksonException e) {
				throw RapportException.invalid(name, "is not valid JSON");
			}
		}
		switch (v) {
		case "null":
			return null;
		case "true":
			return Boolean.TRUE;
		case "false":
			return Boolean.FALSE;
		default:
		}
		try {
			return v.contains(".") ? Double.valueOf(v) : Long.valueOf(v);
		} catch (NumberFormatException e) {
			throw RapportException.invalid(name, "'" + v + "' is not an OData value ('text', a number, true, false, null or JSON)");
		}
	}

	/** Splits a parameter list on the commas that are not inside quotes, braces or brackets. */
	private static List<String> split(String list) {
		List<String> parts = new ArrayList<>();
		if (list == null || list.isBlank()) {
			return parts;
		}
		int depth = 0;
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < list.length(); i++) {
			char c = list.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			} else if (!quoted && (c == '{' || c == '[')) {
				depth++;
			} else if (!quoted && (c == '}' || c == ']')) {
				depth--;
			} else if (!quoted && depth == 0 && c == ',') {
				parts.add(list.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(list.substring(start));
		return parts;
	}

	/**
	 * An entity reference parameter. {@code expectedEntities} limits the entities it may name (empty: any); an
	 * {@code @odata.type} is then optional when only one is allowed.
	 */
	static RecordRef reference(Metadata metadata, String parameter, Object value, String... expectedEntities) {
		if (!(value instanceof Map<?, ?> m)) {
			throw RapportException.invalid(parameter, "expects an entity such as {\"@odata.type\": \"" + NS
					+ "account\", \"accountid\": \"<guid>\"} or {\"@odata.id\": \"accounts(<guid>)\"}");
		}
		EntityDefinition entity;
		String id;
		if (m.get("@odata.id") != null) {
			Matcher ref = ODATA_ID.matcher(m.get("@odata.id").toString().trim());
			if (!ref.matches()) {
				throw RapportException.invalid(parameter, "'" + m.get("@odata.id") + "' is not a reference like accounts(<guid>)");
			}
			entity = metadata.findBySetName(ref.group(1))
				.orElseThrow(() -> RapportException.invalid(parameter, "'" + ref.group(1) + "' is not an entity set"));
			id = ref.group(2);
		} else {
			entity = entityOf(metadata, parameter, m, expectedEntities);
			Object given = m.get(entity.primaryIdAttribute());
			if (given == null) {
				throw RapportException.invalid(parameter, "names no record: give its " + entity.primaryIdAttribute());
			}
			id = given.toString();
		}
		if (expectedEntities.length > 0 && !List.of(expectedEntities).contains(entity.logicalName())) {
			throw RapportException.invalid(parameter, "expects one of " + List.of(expectedEntities) + ", not " + entity.logicalName());
		}
		return new RecordRef(entity.logicalName(), guid(parameter, id));
	}

	/** The entity an entity parameter's {@code @odata.type} names (or the only expected one when it names none). */
	static EntityDefinition entityOf(Metadata metadata, String parameter, Map<?, ?> value, String... expectedEntities) {
		Object type = value.get("@odata.type");
		if (type == null) {
			if (expectedEntities.length == 1) {
				return metadata.entity(expectedEntities[0]);
			}
			throw RapportException.invalid(parameter, "needs \"@odata.type\": \"" + NS + "<entity>\" to say which entity it is");
		}
		String name = type.toString().trim();
		name = name.startsWith("#") ? name.substring(1) : name;
		String logical = name.startsWith(NS) ? name.substring(NS.length()) : name;
		return metadata.find(logical)
			.orElseThrow(() -> RapportException.invalid(parameter, "'" + type + "' is not an entity type"));
	}

	/** The attribute values of an entity parameter, without its annotations. */
	static Map<String, Object> values(Map<?, ?> entity) {
		Map<String, Object> values = new LinkedHashMap<>();
		entity.forEach((k, v) -> {
			if (!k.toString().startsWith("@")) {
				values.put(k.toString(), v);
			}
		});
		return values;
	}

	static UUID guid(String parameter, Object value) {
		if (value == null) {
			throw RapportException.invalid(parameter, "is required");
		}
		try {
			return UUID.fromString(value.toString().trim());
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(parameter, "'" + value + "' is not a valid GUID");
		}
	}

	static int integer(String parameter, Object value) {
		if (value instanceof Number n && n.doubleValue() == n.intValue()) {
			return n.intValue();
		}
		throw RapportException.invalid(parameter, "expects a whole number, not " + value);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> object(String parameter, Object value) {
		if (!(value instanceof Map<?, ?>)) {
			throw RapportException.invalid(parameter, "expects a JSON object");
		}
		return (Map<String, Object>) value;
	}
}
