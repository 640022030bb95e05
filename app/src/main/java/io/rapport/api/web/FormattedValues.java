package io.rapport.api.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * Dataverse's formatted values ({@code Prefer: odata.include-annotations="*"}): choice labels, money, dates and
 * booleans as text, and for lookups the related record's primary name, its entity and the navigation property. The
 * names come from one query per related entity for a whole page, run as the caller: a record they may not read lends
 * no name.
 */
@Component
class FormattedValues {

	static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";
	static final String LOOKUP_LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";
	static final String NAVIGATION = "@Microsoft.Dynamics.CRM.associatednavigationproperty";
	private static final Pattern REQUESTED = Pattern.compile(
			"odata\\.include-annotations=\"?([^\",;]*(\\*|OData\\.Community\\.Display\\.V1\\.FormattedValue)[^\",;]*)\"?");
	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US);
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);

	private final Metadata metadata;
	private final Queries queries;

	FormattedValues(Metadata metadata, Queries queries) {
		this.metadata = metadata;
		this.queries = queries;
	}

	/** The include-annotations preference to echo in Preference-Applied, or null when formatted values are not wanted. */
	static String requested(String prefer) {
		if (prefer == null) {
			return null;
		}
		var m = REQUESTED.matcher(prefer);
		return m.find() ? "odata.include-annotations=\"" + m.group(1) + "\"" : null;
	}

	void annotate(Principal principal, EntityDefinition entity, List<EntityRecord> records, List<Map<String, Object>> json) {
		Map<RecordRef, String> names = names(principal, entity, records);
		for (int i = 0; i < records.size(); i++) {
			EntityRecord record = records.get(i);
			Map<String, Object> row = json.get(i);
			Map<String, Object> annotations = new LinkedHashMap<>();
			for (Map.Entry<String, Object> e : record.values().entrySet()) {
				AttributeDefinition a = e.getKey().contains(".") ? null : entity.attribute(e.getKey()).orElse(null);
				if (a == null || e.getValue() == null) {
					continue;
				}
				if (a.type().isReference()) {
					RecordRef ref = (RecordRef) e.getValue();
					String property = ODataModel.propertyName(a);
					String name = names.get(ref);
					if (name != null) {
						annotations.put(property + FORMATTED, name);
					}
					annotations.put(property + NAVIGATION, a.targets().size() > 1 ? a.logicalName() + "_" + ref.entity() : a.logicalName());
					annotations.put(property + LOOKUP_LOGICAL_NAME, ref.entity());
					continue;
				}
				String text = text(a, e.getValue());
				if (text != null) {
					annotations.put(a.logicalName() + FORMATTED, text);
				}
			}
			row.putAll(annotations);
		}
	}

	private static String text(AttributeDefinition a, Object value) {
		return switch (a.type()) {
			case Picklist, State, Status -> a.option(((Number) value).intValue()).map(o -> o.label()).orElse(null);
			case MultiSelectPicklist -> value instanceof Collection<?> c ? c.stream()
				.map(v -> a.option(Integer.parseInt(v.toString())).map(o -> o.label()).orElse(v.toString()))
				.collect(Collectors.joining("; ")) : null;
			case Boolean -> Boolean.TRUE.equals(value) ? "Yes" : "No";
			case Money -> money(a, (BigDecimal) value);
			case DateTime -> value instanceof OffsetDateTime t ? DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC)) : null;
			case DateOnly -> value instanceof LocalDate d ? DATE.format(d) : null;
			default -> null;
		};
	}

	private static String money(AttributeDefinition a, BigDecimal value) {
		int digits = a.precision() == null ? 2 : a.precision();
		DecimalFormat format = new DecimalFormat("#,##0" + (digits > 0 ? "." + "0".repeat(digits) : ""),
				DecimalFormatSymbols.getInstance(Locale.US));
		return format.format(value);
	}

	/** The primary names of every record the page's lookups point at, one query per related entity. */
	private Map<RecordRef, String> names(Principal principal, EntityDefinition entity, List<EntityRecord> records) {
		Map<String, Set<UUID>> byEntity = new HashMap<>();
		for (EntityRecord r : records) {
			for (Map.Entry<String, Object> e : r.values().entrySet()) {
				if (e.getValue() instanceof RecordRef ref) {
					byEntity.computeIfAbsent(ref.entity(), k -> new LinkedHashSet<>()).add(ref.id());
				}
			}
		}
		Map<RecordRef, String> names = new HashMap<>();
		for (Map.Entry<String, Set<UUID>> e : byEntity.entrySet()) {
			EntityDefinition target = metadata.find(e.getKey()).orElse(null);
			if (target == null || target.primaryNameAttribute() == null) {
				continue;
			}
			List<UUID> ids = new ArrayList<>(e.getValue());
			for (int from = 0; from < ids.size(); from += Query.MAX_PAGE_SIZE) {
				List<Object> chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + Query.MAX_PAGE_SIZE)));
				Query query = Query.of(target.logicalName()).select(target.primaryNameAttribute())
					.where(new Criterion.Condition(null, target.primaryIdAttribute(), Operator.In, chunk)).page(chunk.size());
				for (EntityRecord r : queries.execute(principal, query).records()) {
					Object name = r.get(target.primaryNameAttribute());
					if (name != null) {
						names.put(new RecordRef(target.logicalName(), r.id()), name.toString());
					}
				}
			}
		}
		return names;
	}
}
