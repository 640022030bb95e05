package io.rapport.api.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.server.api.serializer.SerializerException;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.api.uri.UriInfoKind;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceCount;
import org.apache.olingo.server.api.uri.UriResourceEntitySet;
import org.apache.olingo.server.api.uri.UriResourceNavigation;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.UriResourceRef;
import org.apache.olingo.server.api.uri.UriResourceValue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;
import io.rapport.security.CurrentPrincipal;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The OData service at Dataverse's URLs, {@code /api/data/v9.2/…}: the service document, {@code $metadata}, entity sets
 * with query options, records by id or alternate key, single properties, navigation and {@code $ref} associations.
 * Olingo parses every URL against the Edm generated from metadata ({@link ODataModel}); the records pipeline and the
 * query model, as the caller, do the rest. More specific mappings (bound and unbound actions, {@code $batch}) win
 * over these catch-all ones.
 */
@RestController
@RequestMapping(ODataUri.ROOT)
class RecordsController {

	private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize=(\\d+)");
	private static final Pattern REFERENCE = Pattern.compile("^(?:.*/)?([A-Za-z0-9_]+)\\(([^)]*)\\)$");
	private static final String PRECONDITION = "The record has changed since the ETag you sent.";

	private final Metadata metadata;
	private final Records records;
	private final org.springframework.transaction.support.TransactionTemplate tx;
	private final Queries queries;
	private final CurrentPrincipal principal;
	private final ODataModel model;
	private final ODataReads reads;
	private final FormattedValues formatted;
	private final DeepInsert deepInsert;

	RecordsController(Metadata metadata, Records records, Queries queries, CurrentPrincipal principal, ODataModel model,
			ODataReads reads, FormattedValues formatted, DeepInsert deepInsert,
			org.springframework.transaction.support.TransactionTemplate tx) {
		this.deepInsert = deepInsert;
		this.tx = tx;
		this.metadata = metadata;
		this.records = records;
		this.queries = queries;
		this.principal = principal;
		this.model = model;
		this.reads = reads;
		this.formatted = formatted;
	}

	/** What a resource path addresses: an entity set, or one of its records, and what follows it. */
	private record Target(EntityDefinition entity, UUID id, boolean keyed, Map<String, Object> alternateKey,
			List<UriResource> rest, ODataUri uri) {

		UriInfo info() {
			return uri.info();
		}
	}

	@GetMapping({ "", "/", "/**" })
	ResponseEntity<?> get(@RequestHeader(value = "Prefer", required = false) String prefer,
			@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletRequest request) {
		ODataUri uri = ODataUri.parse(model, request);
		UriInfoKind kind = uri.info().getKind();
		if (kind == UriInfoKind.service) {
			return document(serialize(ContentType.JSON_NO_METADATA, s -> s.serviceDocument(model.current().serviceMetadata(), uri.base())),
					MediaType.APPLICATION_JSON);
		}
		if (kind == UriInfoKind.metadata) {
			return document(serialize(ContentType.APPLICATION_XML, s -> s.metadataDocument(model.current().serviceMetadata())),
					MediaType.APPLICATION_XML);
		}
		Target target = target(uri, true);
		Principal who = principal.get();
		if (target.rest().isEmpty()) {
			return target.keyed() ? entity(who, target, prefer, ifNoneMatch) : collection(who, target.entity(), null, target, prefer, request);
		}
		UriResource next = target.rest().get(0);
		if (next instanceof UriResourceCount && !target.keyed()) {
			Query query = Query.of(target.entity().logicalName());
			Criterion filter = reads.filter(target.entity(), target.info().getFilterOption());
			long count = queries.count(who, filter == null ? query : query.where(filter));
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(String.valueOf(Math.min(count, Queries.COUNT_CAP)));
		}
		if (next instanceof UriResourcePrimitiveProperty property) {
			return property(who, target, property, target.rest().size() > 1 && target.rest().get(1) instanceof UriResourceValue);
		}
		if (next instanceof UriResourceNavigation nav && target.rest().size() == 1) {
			ODataModel.Navigation n = navigation(target, nav);
			EntityRecord parent = records.retrieve(who, target.entity().logicalName(), target.id(), target.entity().primaryIdAttribute(),
					n.collection() ? target.entity().primaryIdAttribute() : n.attribute());
			EntityDefinition related = metadata.entity(n.target());
			if (n.collection()) {
				return collection(who, related, scope(who, n, parent, related), target, prefer, request);
			}
			if (!(parent.get(n.attribute()) instanceof RecordRef ref) || !ref.entity().equals(related.logicalName())) {
				return ResponseEntity.noContent().build();
			}
			EntityRecord record = records.retrieve(who, related.logicalName(), ref.id(), columns(related, target.info()));
			return ResponseEntity.ok().eTag(RecordJson.etag(record.version())).body(entityBody(who, related, record, target, prefer, null));
		}
		throw notSupported(target);
	}

	private ResponseEntity<Object> document(byte[] content, MediaType type) {
		return ResponseEntity.ok().contentType(type).header("OData-Version", "4.0").body(new String(content, java.nio.charset.StandardCharsets.UTF_8));
	}

	private interface Serialization {
		org.apache.olingo.server.api.serializer.SerializerResult write(org.apache.olingo.server.api.serializer.ODataSerializer s)
				throws SerializerException;
	}

	private byte[] serialize(ContentType type, Serialization serialization) {
		try (InputStream in = serialization.write(model.odata().createSerializer(type)).getContent()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toByteArray();
		} catch (SerializerException | IOException e) {
			throw new IllegalStateException("Writing the service document failed", e);
		}
	}

	private ResponseEntity<Object> entity(Principal who, Target target, String prefer, String ifNoneMatch) {
		EntityDefinition entity = target.entity();
		EntityRecord record = records.retrieve(who, entity.logicalName(), target.id(), columns(entity, target.info()));
		String etag = RecordJson.etag(record.version());
		if (etag.equals(ifNoneMatch)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
		}
		String annotations = FormattedValues.requested(prefer);
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(etag);
		if (annotations != null) {
			ok.header("Preference-Applied", annotations);
		}
		return ok.body(entityBody(who, entity, record, target, prefer, context(target.uri(), entity) + "/$entity"));
	}

	private Map<String, Object> entityBody(Principal who, EntityDefinition entity, EntityRecord record, Target target,
			String prefer, String context) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (context != null) {
			body.put("@odata.context", context);
		}
		Map<String, Object> json = RecordJson.write(entity, record);
		reads.expand(who, entity, List.of(record), List.of(json), target.info().getExpandOption(), target.uri().base(),
				FormattedValues.requested(prefer) != null);
		if (FormattedValues.requested(prefer) != null) {
			formatted.annotate(who, entity, List.of(record), List.of(json));
		}
		body.putAll(json);
		return body;
	}

	private String[] columns(EntityDefinition entity, UriInfo info) {
		List<String> columns = new ArrayList<>(reads.select(entity, info.getSelectOption()));
		if (!columns.isEmpty() && info.getExpandOption() != null) {
			addExpandedLookups(entity, info, columns);
		}
		return columns.toArray(String[]::new);
	}

	private void addExpandedLookups(EntityDefinition entity, UriInfo info, List<String> columns) {
		for (var item : info.getExpandOption().getExpandItems()) {
			var parts = item.getResourcePath() == null ? List.<UriResource>of() : item.getResourcePath().getUriResourceParts();
			if (parts.size() == 1 && parts.get(0) instanceof UriResourceNavigation nav) {
				ODataModel.Navigation n = model.navigation(entity.logicalName(), nav.getProperty().getName());
				if (n != null && !n.collection() && !columns.contains(n.attribute())) {
					columns.add(n.attribute());
				}
			}
		}
	}

	/** A page of records of {@code entity} within {@code scope} (null: the whole set), with the request's query options. */
	private ResponseEntity<Object> collection(Principal who, EntityDefinition entity, Criterion scope, Target target,
			String prefer, HttpServletRequest request) {
		UriInfo info = target.info();
		if (info.getSearchOption() != null || info.getApplyOption() != null) {
			throw new RapportException(400, "InvalidQueryOption", (info.getSearchOption() != null ? "$search" : "$apply")
					+ " is not supported; use $filter.");
		}
		List<String> columns = new ArrayList<>(reads.select(entity, info.getSelectOption()));
		if (!columns.isEmpty() && info.getExpandOption() != null) {
			addExpandedLookups(entity, info, columns);
		}
		List<String> applied = new ArrayList<>();
		Query query = Query.of(entity.logicalName()).select(columns).page(pageSize(info, prefer, applied));
		if (scope != null) {
			query = query.where(scope);
		}
		Criterion filter = reads.filter(entity, info.getFilterOption());
		if (filter != null) {
			query = query.where(filter);
		}
		for (Order order : reads.orderBy(entity, info.getOrderByOption())) {
			query = query.orderBy(order);
		}
		if (info.getCountOption() != null && info.getCountOption().getValue()) {
			query = query.withCount();
		}
		if (info.getSkipTokenOption() != null) {
			query = query.after(info.getSkipTokenOption().getValue());
		} else if (info.getSkipOption() != null) {
			query = query.skip(info.getSkipOption().getValue());
		}
		RecordPage page = queries.execute(who, query);
		List<Map<String, Object>> value = new ArrayList<>();
		page.records().forEach(r -> value.add(RecordJson.write(entity, r)));
		String annotations = FormattedValues.requested(prefer);
		reads.expand(who, entity, page.records(), value, info.getExpandOption(), target.uri().base(), annotations != null);
		if (annotations != null) {
			formatted.annotate(who, entity, page.records(), value);
			applied.add(annotations);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", context(target.uri(), entity));
		if (page.totalCount() != null) {
			body.put("@odata.count", page.totalCount());
			body.put("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", page.countCapped());
		}
		body.put("value", value);
		// $top caps the whole result, as in Dataverse: the next page asks only for what is left of it.
		Integer left = info.getTopOption() == null ? null : info.getTopOption().getValue() - value.size();
		if (page.nextCursor() != null && (left == null || left > 0)) {
			UriComponentsBuilder next = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
				.query(request.getQueryString())
				.replaceQueryParam("$skip")
				.replaceQueryParam("$skiptoken", page.nextCursor());
			if (left != null) {
				next.replaceQueryParam("$top", left);
			}
			body.put("@odata.nextLink", next.build().toUriString());
		}
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (!applied.isEmpty()) {
			ok.header("Preference-Applied", String.join(",", applied));
		}
		return ok.body(body);
	}

	/**
	 * The page size: {@code $top} when it is smaller than {@code Prefer: odata.maxpagesize} (1 to 5,000), else that,
	 * else 50. {@code $top} also caps the whole result (see the nextLink).
	 */
	private static int pageSize(UriInfo info, String prefer, List<String> applied) {
		Integer max = null;
		if (prefer != null) {
			Matcher m = MAX_PAGE_SIZE.matcher(prefer);
			if (m.find()) {
				try {
					max = Integer.parseInt(m.group(1));
				} catch (NumberFormatException e) {
					max = Integer.MAX_VALUE;
				}
				if (max < 1 || max > Query.MAX_PAGE_SIZE) {
					throw new RapportException(400, "InvalidPageSize", "odata.maxpagesize must be between 1 and "
							+ Query.MAX_PAGE_SIZE + "; it was " + m.group(1) + ".",
							List.of(new RapportException.AttributeError("odata.maxpagesize", "between 1 and " + Query.MAX_PAGE_SIZE)));
				}
			}
		}
		if (info.getTopOption() != null) {
			int top = info.getTopOption().getValue();
			if (top < 1 || top > Query.MAX_PAGE_SIZE) {
				throw new RapportException(400, "InvalidQueryOption", "$top must be between 1 and " + Query.MAX_PAGE_SIZE + ".",
						List.of(new RapportException.AttributeError("$top", "between 1 and " + Query.MAX_PAGE_SIZE)));
			}
			return max == null ? top : Math.min(top, max);
		}
		if (max != null) {
			applied.add("odata.maxpagesize=" + max);
			return max;
		}
		return Query.DEFAULT_PAGE_SIZE;
	}

	/** The records a collection-valued navigation property of {@code parent} holds. */
	private Criterion scope(Principal who, ODataModel.Navigation n, EntityRecord parent, EntityDefinition related) {
		if (n.attribute() != null) {
			return Criterion.where(n.attribute(), Operator.Eq, parent.id());
		}
		List<Object> ids = queries.related(who, parent.ref(), n.relationship().schemaName()).stream().map(r -> (Object) r.id()).toList();
		return ids.isEmpty() ? Criterion.where(related.primaryIdAttribute(), Operator.Null)
				: new Criterion.Condition(null, related.primaryIdAttribute(), Operator.In, ids);
	}

	private ResponseEntity<Object> property(Principal who, Target target, UriResourcePrimitiveProperty property, boolean raw) {
		requireKeyed(target);
		EntityDefinition entity = target.entity();
		String attribute = ODataFilter.attributeName(entity, property.getProperty().getName());
		EntityRecord record = records.retrieve(who, entity.logicalName(), target.id(), attribute);
		if (!record.values().containsKey(attribute)) {
			throw new RapportException(403, "FieldAccessDenied", "You may not read the secured field " + attribute + ".");
		}
		Object value = record.get(attribute) instanceof RecordRef ref ? ref.id().toString() : RecordJson.value(record.get(attribute));
		if (value == null) {
			return ResponseEntity.noContent().build();
		}
		if (raw) {
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(value.toString());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", target.uri().base() + "/$metadata#" + entity.entitySetName() + "(" + target.id() + ")/"
				+ property.getProperty().getName());
		body.put("value", value);
		return ResponseEntity.ok().eTag(RecordJson.etag(record.version())).body(body);
	}

	@PostMapping({ "", "/", "/**" })
	ResponseEntity<Object> create(@RequestBody(required = false) Map<String, Object> body,
			@RequestHeader(value = "Prefer", required = false) String prefer, HttpServletRequest request) {
		Target target = target(ODataUri.parse(model, request), false);
		Principal who = principal.get();
		if (target.rest().isEmpty()) {
			if (target.keyed()) {
				throw new MethodNotAllowed("GET, PATCH, DELETE", "POST creates a record in an entity set, not at a record.");
			}
			UUID id = deepInsert.create(who, target.entity(), body);
			return created(target.entity(), id, prefer, target.uri().base(), who);
		}
		if (target.rest().get(0) instanceof UriResourceNavigation nav) {
			ODataModel.Navigation n = navigation(target, nav);
			requireFound(target);
			if (!n.collection()) {
				throw new MethodNotAllowed("GET", "Set a single-valued navigation property with PUT …/$ref.");
			}
			if (target.rest().size() == 2 && target.rest().get(1) instanceof UriResourceRef) {
				RecordRef child = reference(body, n.target());
				associate(who, target, n, child);
				return ResponseEntity.noContent().build();
			}
			if (target.rest().size() == 1 && n.attribute() != null) {
				EntityDefinition related = metadata.entity(n.target());
				EntityRecord record = RecordJson.read(metadata, related, body, null);
				record.set(n.attribute(), new RecordRef(target.entity().logicalName(), target.id()));
				UUID id = records.create(who, record);
				return created(related, id, prefer, target.uri().base(), who);
			}
		}
		throw notSupported(target);
	}

	private ResponseEntity<Object> created(EntityDefinition entity, UUID id, String prefer, String base, Principal who) {
		URI location = URI.create(base + "/" + entity.entitySetName() + "(" + id + ")");
		if (prefer != null && prefer.contains("return=representation")) {
			EntityRecord record = records.retrieve(who, entity.logicalName(), id);
			return ResponseEntity.created(location).header("OData-EntityId", location.toString())
				.eTag(RecordJson.etag(record.version()))
				.body(RecordJson.write(entity, record));
		}
		return ResponseEntity.created(location).header("OData-EntityId", location.toString()).build();
	}

	/**
	 * Update, or upsert: a record addressed by id or alternate key that does not exist is created, unless {@code If-Match:
	 * *} says it must exist (404); {@code If-None-Match: *} says it must not (412 when it does).
	 */
	@PatchMapping({ "", "/", "/**" })
	ResponseEntity<Object> update(@RequestBody(required = false) Map<String, Object> body,
			@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(value = "Prefer", required = false) String prefer, HttpServletRequest request) {
		Target target = target(ODataUri.parse(model, request), false);
		requireKeyed(target);
		if (!target.rest().isEmpty()) {
			throw notSupported(target);
		}
		Principal who = principal.get();
		EntityDefinition entity = target.entity();
		boolean exists = target.id() != null
				&& queries.retrieve(who, entity.logicalName(), target.id(), List.of("versionnumber")).isPresent();
		if (!exists) {
			if (ifMatch != null) {
				throw target.id() == null ? new RapportException(404, "NotFound", "There is no " + entity.logicalName()
						+ " with the key " + target.alternateKey() + ".") : RapportException.notFound(entity.logicalName(), target.id());
			}
			EntityRecord record = RecordJson.read(metadata, entity, body, target.id());
			if (target.alternateKey() != null) {
				target.alternateKey().forEach((k, v) -> {
					if (!record.has(k)) {
						record.set(k, v);
					}
				});
			}
			UUID id = records.create(who, record);
			return created(entity, id, prefer, target.uri().base(), who);
		}
		if (ifNoneMatch != null && ifNoneMatch.trim().equals("*")) {
			throw new RapportException(412, "PreconditionFailed", "A record with this key already exists (If-None-Match: *).");
		}
		EntityRecord record = RecordJson.read(metadata, entity, body, target.id());
		Long expected = version(ifMatch);
		if (expected != null) {
			record.set("versionnumber", expected);
		}
		update(who, record, ifMatch);
		if (prefer != null && prefer.contains("return=representation")) {
			EntityRecord updated = records.retrieve(who, entity.logicalName(), target.id());
			return ResponseEntity.ok().eTag(RecordJson.etag(updated.version())).body(RecordJson.write(entity, updated));
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * An update as Dataverse's Web API takes it: {@code ownerid@odata.bind} assigns the record and {@code statecode} /
	 * {@code statuscode} change its state, through the engine's Assign and SetState, in the same transaction as the
	 * other changes.
	 */
	private void update(Principal who, EntityRecord record, String ifMatch) {
		RecordRef owner = (RecordRef) record.get("ownerid");
		Integer state = (Integer) record.get("statecode");
		Integer status = (Integer) record.get("statuscode");
		record.remove("ownerid").remove("statecode").remove("statuscode");
		RecordRef ref = new RecordRef(record.entity(), record.id());
		try {
			if (owner == null && state == null && status == null) {
				records.update(who, record);
				return;
			}
			tx.executeWithoutResult(t -> {
				Object expected = record.get("versionnumber");
				if (record.values().keySet().stream().anyMatch(a -> !a.equals("versionnumber"))) {
					records.update(who, record);
				} else if (expected != null && !expected.equals(records.retrieve(who, ref.entity(), ref.id(), "versionnumber").version())) {
					throw new RapportException(409, "ConcurrencyVersionMismatch", PRECONDITION);
				}
				if (owner != null) {
					records.assign(who, ref, owner);
				}
				if (state != null || status != null) {
					int to = state != null ? state
							: (Integer) records.retrieve(who, ref.entity(), ref.id(), "statecode").get("statecode");
					records.setState(who, ref, to, status);
				}
			});
		} catch (RapportException e) {
			throw ifMatch != null && e.code().equals("ConcurrencyVersionMismatch")
					? new RapportException(412, "PreconditionFailed", PRECONDITION) : e;
		}
	}

	/** Single properties ({@code {"value": …}}) and single-valued navigation references ({@code {"@odata.id": …}}). */
	@PutMapping({ "", "/", "/**" })
	ResponseEntity<Object> put(@RequestBody(required = false) Map<String, Object> body,
			@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, HttpServletRequest request) {
		Target target = target(ODataUri.parse(model, request), false);
		requireKeyed(target);
		requireFound(target);
		Principal who = principal.get();
		if (target.rest().size() == 1 && target.rest().get(0) instanceof UriResourcePrimitiveProperty property) {
			if (body == null || !body.containsKey("value")) {
				throw RapportException.invalid("value", "send the new value as {\"value\": …}");
			}
			setProperty(who, target, property, body.get("value"), ifMatch);
			return ResponseEntity.noContent().build();
		}
		if (target.rest().size() == 2 && target.rest().get(0) instanceof UriResourceNavigation nav
				&& target.rest().get(1) instanceof UriResourceRef) {
			ODataModel.Navigation n = navigation(target, nav);
			if (n.collection()) {
				throw new MethodNotAllowed("GET, POST", "Add to a collection-valued navigation property with POST …/$ref.");
			}
			EntityRecord record = new EntityRecord(target.entity().logicalName(), target.id()).set(n.attribute(), reference(body, n.target()));
			update(who, record, ifMatch);
			return ResponseEntity.noContent().build();
		}
		throw notSupported(target);
	}

	private void setProperty(Principal who, Target target, UriResourcePrimitiveProperty property, Object value, String ifMatch) {
		String attribute = ODataFilter.attributeName(target.entity(), property.getProperty().getName());
		AttributeDefinition a = target.entity().requireAttribute(attribute);
		if (a.type().isReference() && value != null) {
			throw RapportException.invalid(attribute, "is a lookup; set it with PUT …/" + attribute + "/$ref or " + attribute + "@odata.bind");
		}
		EntityRecord record = new EntityRecord(target.entity().logicalName(), target.id()).set(attribute, value);
		Long expected = version(ifMatch);
		if (expected != null) {
			record.set("versionnumber", expected);
		}
		update(who, record, ifMatch);
	}

	@DeleteMapping({ "", "/", "/**" })
	ResponseEntity<Void> delete(@RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			HttpServletRequest request) {
		ODataUri uri = ODataUri.parse(model, request);
		Target target = target(uri, false);
		requireKeyed(target);
		requireFound(target);
		Principal who = principal.get();
		if (target.rest().isEmpty()) {
			Long expected = version(ifMatch);
			try {
				records.delete(who, new RecordRef(target.entity().logicalName(), target.id()), expected == null ? -1 : expected);
			} catch (RapportException e) {
				throw ifMatch != null && e.code().equals("ConcurrencyVersionMismatch")
						? new RapportException(412, "PreconditionFailed", PRECONDITION) : e;
			}
			return ResponseEntity.noContent().build();
		}
		if (target.rest().size() == 1 && target.rest().get(0) instanceof UriResourcePrimitiveProperty property) {
			setProperty(who, target, property, null, ifMatch);
			return ResponseEntity.noContent().build();
		}
		if (target.rest().size() == 2 && target.rest().get(0) instanceof UriResourceNavigation nav
				&& target.rest().get(1) instanceof UriResourceRef) {
			ODataModel.Navigation n = navigation(target, nav);
			if (!n.collection()) {
				records.update(who, new EntityRecord(target.entity().logicalName(), target.id()).set(n.attribute(), null));
				return ResponseEntity.noContent().build();
			}
			UUID child = nav.getKeyPredicates().isEmpty() ? idParameter(uri, n.target()) : uuid(nav.getKeyPredicates().get(0).getText());
			disassociate(who, target, n, new RecordRef(n.target(), child));
			return ResponseEntity.noContent().build();
		}
		throw notSupported(target);
	}

	private void associate(Principal who, Target target, ODataModel.Navigation n, RecordRef child) {
		RecordRef parent = new RecordRef(target.entity().logicalName(), target.id());
		if (n.attribute() == null) {
			records.associate(who, parent, n.relationship().schemaName(), List.of(child));
			return;
		}
		records.update(who, new EntityRecord(child.entity(), child.id()).set(n.attribute(), parent));
	}

	/** Removing a child that is not linked to this record is a 404, not a silent change of someone else's link. */
	private void disassociate(Principal who, Target target, ODataModel.Navigation n, RecordRef child) {
		RecordRef parent = new RecordRef(target.entity().logicalName(), target.id());
		if (n.attribute() == null) {
			records.disassociate(who, parent, n.relationship().schemaName(), List.of(child));
			return;
		}
		EntityRecord current = records.retrieve(who, child.entity(), child.id(), n.attribute());
		if (!(current.get(n.attribute()) instanceof RecordRef ref) || !ref.id().equals(parent.id())) {
			throw new RapportException(404, "NotFound", "The " + child.entity() + " " + child.id() + " is not linked to this "
					+ parent.entity() + " through " + n.name() + ".");
		}
		records.update(who, new EntityRecord(child.entity(), child.id()).set(n.attribute(), null));
	}

	private UUID idParameter(ODataUri uri, String targetEntity) {
		String id = uri.info().getIdOption() == null ? null : uri.info().getIdOption().getValue();
		if (id == null) {
			throw RapportException.invalid("$id", "name the record to remove: …/$ref?$id=<url of the record> or …/nav(<id>)/$ref");
		}
		return referenceOf(id, targetEntity, "$id").id();
	}

	/** The record {@code {"@odata.id": ".../contacts(<id>)"}} refers to, which must be of the navigation's entity. */
	private RecordRef reference(Map<String, Object> body, String targetEntity) {
		Object id = body == null ? null : body.get("@odata.id");
		if (id == null) {
			throw RapportException.invalid("@odata.id", "send the record as {\"@odata.id\": \"…/<entityset>(<id>)\"}");
		}
		return referenceOf(id.toString(), targetEntity, "@odata.id");
	}

	private RecordRef referenceOf(String url, String targetEntity, String field) {
		Matcher m = REFERENCE.matcher(url.trim());
		if (!m.matches()) {
			throw RapportException.invalid(field, "'" + url + "' is not a record URL like …/contacts(<id>)");
		}
		EntityDefinition entity = metadata.findBySetName(m.group(1))
			.orElseThrow(() -> RapportException.invalid(field, "'" + m.group(1) + "' is not an entity set"));
		if (!entity.logicalName().equals(targetEntity)) {
			throw RapportException.invalid(field, "expects a " + targetEntity + ", not a " + entity.logicalName());
		}
		try {
			return new RecordRef(entity.logicalName(), UUID.fromString(m.group(2)));
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(field, "'" + m.group(2) + "' is not a valid GUID");
		}
	}

	private static UUID uuid(String text) {
		try {
			return UUID.fromString(text.trim());
		} catch (IllegalArgumentException e) {
			throw new RapportException(400, "InvalidKey", "'" + text + "' is not a valid GUID.");
		}
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

	/** Resolves the first segment: its entity set, and the record's id (from the GUID, or by looking up the alternate key). */
	private Target target(ODataUri uri, boolean mustExist) {
		List<UriResource> parts = uri.info().getUriResourceParts();
		if (uri.info().getKind() != UriInfoKind.resource || parts.isEmpty() || !(parts.get(0) instanceof UriResourceEntitySet set)) {
			throw new RapportException(404, "ResourceNotFound", "There is no entity set or operation at this address.");
		}
		EntityDefinition entity = metadata.findBySetName(set.getEntitySet().getName())
			.orElseThrow(() -> new RapportException(404, "ResourceNotFound", "There is no entity set named '" + set.getEntitySet().getName() + "'."));
		List<UriResource> rest = parts.subList(1, parts.size());
		if (set.getKeyPredicates().isEmpty()) {
			return new Target(entity, null, false, null, rest, uri);
		}
		if (uri.alternateKey() == null) {
			return new Target(entity, uuid(set.getKeyPredicates().get(0).getText()), true, null, rest, uri);
		}
		UUID id = byAlternateKey(entity, uri.alternateKey()).orElse(null);
		if (id == null && mustExist) {
			throw new RapportException(404, "NotFound", "There is no " + entity.logicalName() + " with the key " + uri.alternateKey() + ".");
		}
		return new Target(entity, id, true, uri.alternateKey(), rest, uri);
	}

	private Optional<UUID> byAlternateKey(EntityDefinition entity, Map<String, Object> key) {
		Query query = Query.of(entity.logicalName()).select(entity.primaryIdAttribute()).page(1);
		for (Map.Entry<String, Object> e : key.entrySet()) {
			query = query.where(Criterion.where(e.getKey(), Operator.Eq, e.getValue()));
		}
		return queries.execute(principal.get(), query).records().stream().findFirst().map(EntityRecord::id);
	}

	private static void requireKeyed(Target target) {
		if (!target.keyed()) {
			throw new MethodNotAllowed("GET, POST", "Address one record: " + target.entity().entitySetName() + "(<id>).");
		}
	}

	private static void requireFound(Target target) {
		if (target.keyed() && target.id() == null) {
			throw new RapportException(404, "NotFound", "There is no " + target.entity().logicalName() + " with the key "
					+ target.alternateKey() + ".");
		}
	}

	private ODataModel.Navigation navigation(Target target, UriResourceNavigation nav) {
		requireKeyed(target);
		ODataModel.Navigation n = model.navigation(target.entity().logicalName(), nav.getProperty().getName());
		if (n == null) {
			throw new RapportException(404, "ResourceNotFound", "'" + nav.getProperty().getName() + "' is not a navigation property of "
					+ target.entity().logicalName() + ".");
		}
		return n;
	}

	private static RapportException notSupported(Target target) {
		return new RapportException(501, "NotImplemented", "This kind of request on " + target.entity().entitySetName()
				+ " is not supported: " + target.rest() + ".");
	}

	private static String context(ODataUri uri, EntityDefinition entity) {
		return uri.base() + "/$metadata#" + entity.entitySetName();
	}
}
