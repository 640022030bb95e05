package io.rapport.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.StringFormat;

/** How attribute values look on a page and how what a person typed into a form becomes a value. */
final class Fields {

	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
	static final DateTimeFormatter INPUT_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	/** Attributes a person never types: the platform sets them, or they have their own command (status, owner). */
	static final Set<String> SYSTEM = Set.of("createdon", "createdby", "modifiedon", "modifiedby", "ownerid",
			"owningbusinessunit", "statecode", "statuscode", "versionnumber", "merged", "masterid");

	private Fields() {
	}

	static boolean editable(EntityDefinition entity, AttributeDefinition a) {
		return !a.system() && !SYSTEM.contains(a.logicalName()) && !a.logicalName().equals(entity.primaryIdAttribute())
				&& !(a.logicalName().equals("exchangerate") && io.rapport.currency.Currencies.carriesCurrency(entity))
				&& a.type() != AttributeType.Uniqueidentifier && !a.logicalName().equals("documentbody");
	}

	/** The text shown for a value; references are named through {@code names} (absent: the user may not read it). */
	static String display(AttributeDefinition a, Object value, Map<RecordRef, String> names) {
		if (value == null) {
			return "";
		}
		if (value instanceof RecordRef ref) {
			String name = names.get(ref);
			return name == null ? "(a record you cannot see)" : name;
		}
		if (a == null) {
			return value.toString();
		}
		return switch (a.type()) {
			case Picklist, State, Status -> a.option(((Number) value).intValue()).map(o -> o.label()).orElse(value.toString());
			case MultiSelectPicklist -> ((Collection<?>) value).stream()
				.map(v -> a.option(((Number) v).intValue()).map(o -> o.label()).orElse(v.toString()))
				.collect(Collectors.joining(", "));
			case Boolean -> Boolean.TRUE.equals(value) ? "Yes" : "No";
			case DateTime -> ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).format(DATE_TIME);
			case Money -> money((BigDecimal) value);
			case Decimal, Double -> ((BigDecimal) value).stripTrailingZeros().toPlainString();
			default -> value.toString();
		};
	}

	static String money(BigDecimal value) {
		DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
		return f.format(value.setScale(2, RoundingMode.HALF_UP));
	}

	/** The value of an input element for a value (the form's own representation). */
	static String input(AttributeDefinition a, Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof RecordRef ref) {
			return ref.entity() + ":" + ref.id();
		}
		return switch (a.type()) {
			case DateTime -> ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).format(INPUT_DATE_TIME);
			case Money, Decimal, Double -> ((BigDecimal) value).stripTrailingZeros().toPlainString();
			case MultiSelectPicklist -> ((Collection<?>) value).stream().map(Object::toString).collect(Collectors.joining(","));
			default -> value.toString();
		};
	}

	/** What a form field's text becomes: null when blank, typed where the browser's format differs from the API's. */
	static Object parse(AttributeDefinition a, String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String s = a.type().isText() ? raw : raw.trim();
		switch (a.type()) {
			case Lookup, Customer, Owner -> {
				return reference(a, s);
			}
			case DateTime -> {
				try {
					return s.length() == 10 ? LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC)
							: LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
				} catch (DateTimeParseException e) {
					throw RapportException.invalid(a.logicalName(), "'" + s + "' is not a date and time");
				}
			}
			case Money, Decimal, Double -> {
				return s.replace(",", "");
			}
			default -> {
				return s;
			}
		}
	}

	static RecordRef reference(AttributeDefinition a, String s) {
		int colon = s.indexOf(':');
		String entity = colon > 0 ? s.substring(0, colon) : a.targets().size() == 1 ? a.targets().get(0) : null;
		UUID id = Names.uuid(colon > 0 ? s.substring(colon + 1) : s);
		if (entity == null || id == null || !a.targets().contains(entity)) {
			throw RapportException.invalid(a.logicalName(), "choose a record from the list");
		}
		return new RecordRef(entity, id);
	}

	/** The HTML input type of an attribute on a form. */
	static String kind(AttributeDefinition a) {
		return switch (a.type()) {
			case String -> a.format() == StringFormat.Email ? "email" : a.format() == StringFormat.Phone ? "tel"
					: a.format() == StringFormat.Url ? "url" : a.format() == StringFormat.TextArea ? "textarea" : "text";
			case Memo -> "textarea";
			case Integer, BigInt -> "integer";
			case Decimal, Double -> "decimal";
			case Money -> "money";
			case Boolean -> "boolean";
			case DateOnly -> "date";
			case DateTime -> "datetime";
			case Picklist, State, Status -> "select";
			case MultiSelectPicklist -> "multiselect";
			case Lookup, Customer, Owner -> "lookup";
			default -> "text";
		};
	}
}
