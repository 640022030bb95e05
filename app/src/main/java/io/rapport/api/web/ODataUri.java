package io.rapport.api.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.core.uri.parser.Parser;
import org.apache.olingo.server.core.uri.parser.UriParserException;
import org.apache.olingo.server.core.uri.parser.UriParserSemanticException;
import org.apache.olingo.server.core.uri.parser.UriParserSyntaxException;
import org.apache.olingo.server.core.uri.validator.UriValidationException;

import io.rapport.core.RapportException;
import io.rapport.metadata.AlternateKeyDefinition;
import io.rapport.metadata.EntityDefinition;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A request URL under {@code /api/data/v9.2}, parsed by Olingo against the current Edm. Olingo's parser knows only the
 * primary key, so an alternate key ({@code accounts(accountnumber='A-1')}) is taken out of the first segment first and
 * replaced by a placeholder id; {@link #alternateKey} carries its values.
 */
record ODataUri(UriInfo info, String base, EntityDefinition entity, Map<String, Object> alternateKey) {

	static final String ROOT = "/api/data/v9.2";
	private static final Pattern KEYED = Pattern.compile("^/([A-Za-z0-9_]+)\\(([^)]*)\\)(.*)$");
	private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
	private static final String PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

	static ODataUri parse(ODataModel model, HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		String path = uri.length() > ROOT.length() ? uri.substring(ROOT.length()) : "";
		String url = request.getRequestURL().toString();
		String base = url.substring(0, url.indexOf(ROOT) + ROOT.length());
		String query = normalized(request.getQueryString());
		EntityDefinition entity = null;
		Map<String, Object> alternateKey = null;
		Matcher m = KEYED.matcher(path);
		if (m.matches()) {
			entity = model.metadata().findBySetName(m.group(1)).orElse(null);
			String key = URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8).trim();
			if (entity != null && !GUID.matcher(key).matches() && !key.startsWith(entity.primaryIdAttribute() + "=")) {
				if (!key.contains("=")) {
					throw new RapportException(400, "InvalidKey", "'" + key + "' is not a valid GUID.",
							List.of(new RapportException.AttributeError(entity.primaryIdAttribute(), "not a valid GUID")));
				}
				alternateKey = alternateKey(entity, key);
				path = "/" + m.group(1) + "(" + PLACEHOLDER + ")" + m.group(3);
			}
		} else if (path.length() > 1) {
			String set = path.substring(1).split("[/(]", 2)[0];
			entity = model.metadata().findBySetName(set).orElse(null);
		}
		try {
			UriInfo info = new Parser(model.current().serviceMetadata().getEdm(), model.odata()).parseUri(path, query, null, base);
			return new ODataUri(info, base, entity, alternateKey);
		} catch (UriParserException | UriValidationException e) {
			throw error(model, path, query, base, e);
		}
	}

	/**
	 * A {@code +} in a query string is a space (form encoding; a literal plus arrives as {@code %2B}), and whitespace
	 * around a lambda variable's colon ({@code any(c: c/name …)}), which the ABNF allows, is dropped for Olingo's parser.
	 */
	static String normalized(String query) {
		if (query == null) {
			return null;
		}
		String spaced = query.replace("+", "%20");
		return spaced.contains("any(") || spaced.contains("all(") ? LAMBDA.matcher(spaced).replaceAll("$1($2:") : spaced;
	}

	private static final Pattern LAMBDA = Pattern.compile("(any|all)\\((?:%20| )*([A-Za-z_][A-Za-z0-9_]*)(?:%20| )*:(?:%20| )*");

	/** {@code name='value',other=12} → values by attribute, which must be exactly one of the entity's alternate keys. */
	private static Map<String, Object> alternateKey(EntityDefinition entity, String key) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (String part : splitOutsideQuotes(key)) {
			int eq = part.indexOf('=');
			if (eq < 1) {
				throw invalidKey(entity, key);
			}
			String name = part.substring(0, eq).trim();
			String raw = part.substring(eq + 1).trim();
			Object value;
			if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
				value = raw.substring(1, raw.length() - 1).replace("''", "'");
			} else if (raw.matches("-?\\d+(\\.\\d+)?") || GUID.matcher(raw).matches()) {
				value = raw;
			} else {
				throw invalidKey(entity, key);
			}
			values.put(name, value);
		}
		boolean known = entity.keys().stream().map(AlternateKeyDefinition::attributes)
			.anyMatch(attributes -> attributes.size() == values.size() && values.keySet().containsAll(attributes));
		if (!known) {
			throw invalidKey(entity, key);
		}
		return values;
	}

	private static RapportException invalidKey(EntityDefinition entity, String key) {
		List<String> keys = entity.keys().stream().map(k -> String.join(",", k.attributes())).toList();
		return new RapportException(400, "InvalidKey", "'" + key + "' is neither a GUID nor an alternate key of "
				+ entity.logicalName() + (keys.isEmpty() ? " (it has none)" : " (its alternate keys: " + keys + ")") + ".",
				List.of(new RapportException.AttributeError(entity.primaryIdAttribute(), "invalid key")));
	}

	private static List<String> splitOutsideQuotes(String s) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (char c : s.toCharArray()) {
			if (c == '\'') {
				quoted = !quoted;
			}
			if (c == ',' && !quoted) {
				parts.add(current.toString());
				current.setLength(0);
			} else {
				current.append(c);
			}
		}
		parts.add(current.toString());
		return parts;
	}

	/**
	 * A 404 when the path names nothing (not an entity set, a known operation or a property), else a 400 that names
	 * the offending query option: found by parsing the path with each option alone.
	 */
	private static RapportException error(ODataModel model, String path, String query, String base, Exception e) {
		String message = e.getLocalizedMessage() == null ? e.getMessage() : e.getLocalizedMessage();
		if (e instanceof UriParserSemanticException s && notFound(s)) {
			return new RapportException(404, "ResourceNotFound", "Nothing is found at " + path + ": " + message);
		}
		if (e instanceof UriParserSyntaxException s && s.getMessageKey() == UriParserSyntaxException.MessageKeys.MUST_BE_LAST_SEGMENT) {
			return new RapportException(404, "ResourceNotFound", "Nothing is found at " + path + ": " + message);
		}
		String option = offendingOption(model, path, query, base);
		if (option == null) {
			// the path alone does not parse: it addresses nothing, as Dataverse answers such paths
			return new RapportException(404, "ResourceNotFound", "Nothing is found at " + path + ": " + message);
		}
		return new RapportException(400, "InvalidQueryOption", "Invalid " + option + ": " + message,
				List.of(new RapportException.AttributeError(option, message)));
	}

	private static boolean notFound(UriParserSemanticException e) {
		return switch ((UriParserSemanticException.MessageKeys) e.getMessageKey()) {
			case RESOURCE_NOT_FOUND, UNKNOWN_TYPE, PROPERTY_NOT_IN_TYPE, UNKNOWN_PART, FUNCTION_NOT_FOUND,
					NAMESPACE_NOT_ALLOWED_AT_FIRST_ELEMENT -> true;
			default -> false;
		};
	}

	private static String offendingOption(ODataModel model, String path, String query, String base) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		for (String option : query.split("&")) {
			String name = URLDecoder.decode(option.split("=", 2)[0], StandardCharsets.UTF_8);
			try {
				new Parser(model.current().serviceMetadata().getEdm(), model.odata()).parseUri(path, option, null, base);
			} catch (UriParserException | UriValidationException | RuntimeException e) {
				return name;
			}
		}
		return null;
	}
}
