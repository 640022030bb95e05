package io.rapport.api.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;
import io.rapport.security.CurrentPrincipal;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Records of every entity, custom ones included, at Dataverse's URLs: {@code /api/data/v9.2/<entityset>} and
 * {@code /api/data/v9.2/<entityset>(<id>)}.
 */
@RestController
@RequestMapping("/api/data/v9.2")
class RecordsController {

	private static final Pattern KEYED = Pattern.compile("^([A-Za-z0-9_]+)\\((.*)\\)$");
	private static final Set<String> SUPPORTED = Set.of("$select", "$top", "$orderby", "$skiptoken", "$count");

	private final Metadata metadata;
	private final Records records;
	private final Queries queries;
	private final CurrentPrincipal principal;
	private final DeepInsert deepInsert;

	RecordsController(Metadata metadata, Records records, Queries queries, CurrentPrincipal principal, DeepInsert deepInsert) {
		this.deepInsert = deepInsert;
		this.metadata = metadata;
		this.records = records;
		this.queries = queries;
		this.principal = principal;
	}

	@GetMapping("/{resource}")
	ResponseEntity<Object> get(@PathVariable String resource, @RequestParam Map<String, String> params,
			@RequestHeader(value = "Prefer", required = false) String prefer,
			@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletRequest request) {
		Target target = target(resource);
		for (String p : params.keySet()) {
			if (p.startsWith("$") && !SUPPORTED.contains(p)) {
				throw new RapportException(400, "UnsupportedQueryOption", "The query option " + p
						+ " is not supported here; use " + SUPPORTED + ", or POST a query to /api/query.");
			}
		}
		List<String> select = params.containsKey("$select") ? Arrays.stream(params.get("$select").split(","))
			.map(String::trim).filter(s -> !s.isEmpty()).toList() : List.of();
		if (target.id() != null) {
			EntityRecord record = records.retrieve(principal.get(), target.entity().logicalName(), target.id(),
					select.toArray(String[]::new));
			String etag = RecordJson.etag(record.version());
			if (etag.equals(ifNoneMatch)) {
				return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("@odata.context", context(request, target.entity()) + "/$entity");
			body.putAll(RecordJson.write(target.entity(), record));
			return ResponseEntity.ok().eTag(etag).body(body);
		}
		Query query = Query.of(target.entity().logicalName()).select(select).page(pageSize(params, prefer));
		if (params.containsKey("$orderby")) {
			for (String part : params.get("$orderby").split(",")) {
				String[] words = part.trim().split("\\s+");
				if (words.length > 2 || (words.length == 2 && !words[1].matches("(?i)asc|desc"))) {
					throw RapportException.invalid("$orderby", "'" + part.trim() + "' is not 'attribute [asc|desc]'");
				}
				query = query.orderBy(new Order(null, words[0], words.length == 2 && words[1].equalsIgnoreCase("desc")));
			}
		}
		if ("true".equalsIgnoreCase(params.get("$count"))) {
			query = query.withCount();
		}
		if (params.containsKey("$skiptoken")) {
			query = query.after(params.get("$skiptoken"));
		}
		RecordPage page = queries.execute(principal.get(), query);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", context(request, target.entity()));
		if (page.totalCount() != null) {
			body.put("@odata.count", page.totalCount());
			body.put("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", page.countCapped());
		}
		List<Map<String, Object>> value = new ArrayList<>();
		page.records().forEach(r -> value.add(RecordJson.write(target.entity(), r)));
		body.put("value", value);
		if (page.nextCursor() != null) {
			body.put("@odata.nextLink", UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
				.query(request.getQueryString())
				.replaceQueryParam("$skiptoken", page.nextCursor())
				.build()
				.toUriString());
		}
		return ResponseEntity.ok(body);
	}

	private static int pageSize(Map<String, String> params, String prefer) {
		try {
			if (params.containsKey("$top")) {
				return Integer.parseInt(params.get("$top").trim());
			}
			if (prefer != null) {
				Matcher m = Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer);
				if (m.find()) {
					return Integer.parseInt(m.group(1));
				}
			}
		} catch (NumberFormatException e) {
			throw RapportException.invalid("$top", "is not a whole number");
		}
		return Query.DEFAULT_PAGE_SIZE;
	}

	@PostMapping("/{resource}")
	ResponseEntity<Object> create(@PathVariable String resource, @RequestBody Map<String, Object> body,
			@RequestHeader(value = "Prefer", required = false) String prefer, HttpServletRequest request) {
		Target target = target(resource);
		if (target.id() != null) {
			throw new RapportException(405, "MethodNotAllowed", "POST creates a record in an entity set, not at a record.");
		}
		Principal who = principal.get();
		UUID id = deepInsert.create(who, target.entity(), body);
		return created(target.entity(), id, prefer, request, who);
	}

	private ResponseEntity<Object> created(EntityDefinition entity, UUID id, String prefer, HttpServletRequest request,
			Principal who) {
		URI location = URI.create(base(request) + "/" + entity.entitySetName() + "(" + id + ")");
		if (prefer != null && prefer.contains("return=representation")) {
			EntityRecord record = records.retrieve(who, entity.logicalName(), id);
			return ResponseEntity.created(location).header("OData-EntityId", location.toString())
				.eTag(RecordJson.etag(record.version()))
				.body(RecordJson.write(entity, record));
		}
		return ResponseEntity.created(location).header("OData-EntityId", location.toString()).build();
	}

	@PatchMapping("/{resource}")
	ResponseEntity<Object> update(@PathVariable String resource, @RequestBody Map<String, Object> body,
			@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(value = "Prefer", required = false) String prefer, HttpServletRequest request) {
		Target target = requireId(resource);
		Principal who = principal.get();
		EntityRecord record = RecordJson.read(metadata, target.entity(), body, target.id());
		boolean exists = queries.retrieve(who, target.entity().logicalName(), target.id(), List.of("versionnumber")).isPresent();
		if (!exists) {
			if (ifMatch != null) {
				throw RapportException.notFound(target.entity().logicalName(), target.id());
			}
			records.create(who, record);
			return created(target.entity(), target.id(), prefer, request, who);
		}
		Long expected = version(ifMatch);
		if (expected != null) {
			record.set("versionnumber", expected);
		}
		try {
			records.update(who, record);
		} catch (RapportException e) {
			throw ifMatch != null && e.code().equals("ConcurrencyVersionMismatch")
					? new RapportException(412, "PreconditionFailed", "The record has changed since the ETag you sent.") : e;
		}
		if (prefer != null && prefer.contains("return=representation")) {
			EntityRecord updated = records.retrieve(who, target.entity().logicalName(), target.id());
			return ResponseEntity.ok().eTag(RecordJson.etag(updated.version())).body(RecordJson.write(target.entity(), updated));
		}
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{resource}")
	ResponseEntity<Void> delete(@PathVariable String resource,
			@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Target target = requireId(resource);
		Long expected = version(ifMatch);
		try {
			records.delete(principal.get(), new io.rapport.core.RecordRef(target.entity().logicalName(), target.id()),
					expected == null ? -1 : expected);
		} catch (RapportException e) {
			throw ifMatch != null && e.code().equals("ConcurrencyVersionMismatch")
					? new RapportException(412, "PreconditionFailed", "The record has changed since the ETag you sent.") : e;
		}
		return ResponseEntity.noContent().build();
	}

	private static Long version(String ifMatch) {
		if (ifMatch == null || ifMatch.trim().equals("*")) {
			return null;
		}
		Matcher m = Pattern.compile("^(?:W/)?\"(\\d+)\"$").matcher(ifMatch.trim());
		if (!m.matches()) {
			throw new RapportException(400, "InvalidETag", "If-Match must be an ETag such as W/\"12\" or *.");
		}
		return Long.parseLong(m.group(1));
	}

	record Target(EntityDefinition entity, UUID id) {
	}

	private Target requireId(String resource) {
		Target t = target(resource);
		if (t.id() == null) {
			throw new RapportException(405, "MethodNotAllowed", "Address one record: " + resource + "(<id>).");
		}
		return t;
	}

	private Target target(String resource) {
		Matcher m = KEYED.matcher(resource);
		String set = m.matches() ? m.group(1) : resource;
		EntityDefinition entity = metadata.findBySetName(set)
			.orElseThrow(() -> new RapportException(404, "ResourceNotFound", "There is no entity set named '" + set + "'."));
		if (!m.matches()) {
			return new Target(entity, null);
		}
		try {
			return new Target(entity, UUID.fromString(m.group(2).trim()));
		} catch (IllegalArgumentException e) {
			throw new RapportException(400, "InvalidKey", "'" + m.group(2) + "' is not a valid GUID.");
		}
	}

	private static String base(HttpServletRequest request) {
		String url = request.getRequestURL().toString();
		return url.substring(0, url.indexOf("/api/data/v9.2") + "/api/data/v9.2".length());
	}

	private static String context(HttpServletRequest request, EntityDefinition entity) {
		return base(request) + "/$metadata#" + entity.entitySetName();
	}
}
