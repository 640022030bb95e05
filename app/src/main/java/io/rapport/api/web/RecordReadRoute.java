package io.rapport.api.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.CurrentPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Web API's most frequent call, one record by id with at most a {@code $select} of properties
 * ({@code GET /api/data/v9.2/contacts(<id>)?$select=fullname,_parentcustomerid_value}), found and answered without the
 * general OData route: a handler mapping ahead of the annotated controllers recognizes exactly this shape and serves
 * it with the same engine call ({@link Records#retrieve}, as the caller, through the access predicate) and the same JSON,
 * ETag, {@code If-None-Match} and errors as {@link RecordsController}. Anything else — another option, a
 * {@code Prefer} header, a navigation or lookup name in {@code $select}, an alternate key, an encoded path, a media
 * type other than JSON — is left to the general route, which answers it as before. Finding the controller method
 * among the application's mappings, Olingo's parse of the URL and Spring MVC's argument and return value handling had
 * been two fifths of such a read (docs/adr/0017).
 */
@Component
class RecordReadRoute extends AbstractHandlerMapping {

	private static final String SELECT = "$select=";
	private static final String ENCODED_SELECT = "%24select=";

	private final Metadata metadata;
	private final Records records;
	private final CurrentPrincipal principal;
	private final JsonMapper json;

	RecordReadRoute(Metadata metadata, Records records, CurrentPrincipal principal, JsonMapper json) {
		this.metadata = metadata;
		this.records = records;
		this.principal = principal;
		this.json = json;
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	/** A read this route serves: the entity, the record's id and the selected attributes (none: all). */
	record Read(EntityDefinition entity, UUID id, String[] columns) {
	}

	@Override
	protected Object getHandlerInternal(HttpServletRequest request) {
		Read read = recognize(request);
		return read == null ? null : (HttpRequestHandler) (req, res) -> serve(read, req, res);
	}

	/** The read a request asks for, or null when it is not exactly of this route's shape. */
	Read recognize(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || request.getHeader("Prefer") != null || !acceptsJson(request)) {
			return null;
		}
		String uri = request.getRequestURI();
		int start = request.getContextPath().length() + ODataUri.ROOT.length() + 1;
		if (!uri.startsWith(ODataUri.ROOT + "/", start - ODataUri.ROOT.length() - 1) || !uri.endsWith(")")) {
			return null;
		}
		int open = uri.indexOf('(', start);
		// a GUID key only: 36 characters between the parentheses, the closing one last
		if (open < start + 1 || uri.length() != open + 38 || !name(uri, start, open)) {
			return null;
		}
		EntityDefinition entity = metadata.findBySetName(uri.substring(start, open)).orElse(null);
		UUID id = guid(uri.substring(open + 1, open + 37));
		if (entity == null || id == null) {
			return null;
		}
		String[] columns = columns(entity, request.getQueryString());
		return columns == null ? null : new Read(entity, id, columns);
	}

	private static boolean acceptsJson(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept == null || accept.contains("application/json") || accept.contains("*/*");
	}

	/** The attributes of a {@code $select} of plain properties ({@code _x_value} for lookups), or null for anything else. */
	private static String[] columns(EntityDefinition entity, String query) {
		if (query == null) {
			return new String[0];
		}
		String list = query.startsWith(SELECT) ? query.substring(SELECT.length())
				: query.startsWith(ENCODED_SELECT) ? query.substring(ENCODED_SELECT.length()) : null;
		if (list == null || list.isEmpty()) {
			return null;
		}
		List<String> columns = new ArrayList<>();
		for (String property : list.split(",", -1)) {
			if (!name(property, 0, property.length())) {
				return null;
			}
			String attribute = attribute(entity, property);
			if (attribute == null) {
				return null;
			}
			columns.add(attribute);
		}
		return columns.toArray(String[]::new);
	}

	/** The attribute of an Edm property name as {@link ODataModel} declares it, or null when it names none. */
	private static String attribute(EntityDefinition entity, String property) {
		AttributeDefinition a = entity.attribute(property).orElse(null);
		if (a != null) {
			return a.type().isReference() ? null : a.logicalName();
		}
		if (property.startsWith("_") && property.endsWith("_value") && property.length() > 7) {
			AttributeDefinition lookup = entity.attribute(property.substring(1, property.length() - 6)).orElse(null);
			return lookup != null && lookup.type().isReference() ? lookup.logicalName() : null;
		}
		return null;
	}

	/** Whether {@code s[from, to)} is a non-empty identifier of letters, digits and underscores. */
	private static boolean name(String s, int from, int to) {
		if (to <= from) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	private static UUID guid(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash ? c != '-' : Character.digit(c, 16) < 0) {
				return null;
			}
		}
		return UUID.fromString(text);
	}

	private void serve(Read read, HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body;
		String etag;
		try {
			EntityRecord record = records.retrieve(principal.get(), read.entity().logicalName(), read.id(), read.columns());
			etag = RecordJson.etag(record.version());
			if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
				response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				response.setHeader(HttpHeaders.ETAG, etag);
				return;
			}
			Map<String, Object> document = new LinkedHashMap<>();
			String url = request.getRequestURL().toString();
			document.put("@odata.context", url.substring(0, url.indexOf(ODataUri.ROOT) + ODataUri.ROOT.length())
					+ "/$metadata#" + read.entity().entitySetName() + "/$entity");
			document.putAll(RecordJson.write(read.entity(), record));
			body = json.writeValueAsBytes(document);
		} catch (RuntimeException e) {
			ApiErrors.write(request, response, e);
			return;
		}
		// The whole body at once, with its length: no chunked encoding and one write to the socket.
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader(HttpHeaders.ETAG, etag);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}
}
