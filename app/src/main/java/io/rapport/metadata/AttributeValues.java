package io.rapport.metadata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;

/**
 * Converts values given by callers (typed Java values, or JSON strings and numbers) into the typed value an
 * attribute holds, and converts between typed values and column values. Every refusal names the attribute.
 */
public final class AttributeValues {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private AttributeValues() {
	}

	/** The typed value for an attribute, or a 400 naming the attribute. Null stays null. */
	public static Object coerce(AttributeDefinition a, Object value) {
		if (value == null) {
			return null;
		}
		try {
			return switch (a.type()) {
				case String, Memo -> text(a, value);
				case Integer, Picklist, State, Status -> integer(a, value);
				case BigInt -> value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof Double)
						? n.longValue() : new BigDecimal(value.toString()).longValueExact();
				case Decimal, Money, Double -> decimal(a, value);
				case Boolean -> bool(a, value);
				case DateTime -> dateTime(value);
				case DateOnly -> value instanceof LocalDate d ? d : LocalDate.parse(value.toString().substring(0, Math.min(10, value.toString().length())));
				case MultiSelectPicklist -> multi(a, value);
				case Uniqueidentifier -> value instanceof UUID u ? u : UUID.fromString(value.toString());
				case Lookup, Customer, Owner -> reference(a, value);
			};
		} catch (NumberFormatException | ArithmeticException | DateTimeParseException | ClassCastException e) {
			throw RapportException.invalid(a.logicalName(), "'" + value + "' is not a valid " + describe(a.type()));
		} catch (IllegalArgumentException e) {
			throw RapportException.invalid(a.logicalName(), "'" + value + "' is not a valid " + describe(a.type()));
		}
	}

	private static String describe(AttributeType type) {
		return switch (type) {
			case Integer, BigInt -> "whole number";
			case Decimal, Money, Double -> "number";
			case Boolean -> "true/false value";
			case DateTime -> "date and time (ISO 8601)";
			case DateOnly -> "date (yyyy-mm-dd)";
			case Picklist, State, Status, MultiSelectPicklist -> "choice value";
			case Lookup, Customer, Owner, Uniqueidentifier -> "record id (GUID)";
			default -> "text";
		};
	}

	private static String text(AttributeDefinition a, Object value) {
		if (!(value instanceof CharSequence)) {
			throw RapportException.invalid(a.logicalName(), "expects text");
		}
		return value.toString();
	}

	private static Integer integer(AttributeDefinition a, Object value) {
		if (value instanceof Boolean) {
			throw RapportException.invalid(a.logicalName(), "expects a whole number");
		}
		if (value instanceof Integer i) {
			return i;
		}
		return new BigDecimal(value.toString().trim()).intValueExact();
	}

	private static BigDecimal decimal(AttributeDefinition a, Object value) {
		if (value instanceof Boolean) {
			throw RapportException.invalid(a.logicalName(), "expects a number");
		}
		return value instanceof BigDecimal d ? d : new BigDecimal(value.toString().trim());
	}

	private static Boolean bool(AttributeDefinition a, Object value) {
		if (value instanceof Boolean b) {
			return b;
		}
		String s = value.toString().trim().toLowerCase();
		return switch (s) {
			case "true", "1", "yes" -> true;
			case "false", "0", "no" -> false;
			default -> throw RapportException.invalid(a.logicalName(), "'" + value + "' is not true or false");
		};
	}

	private static OffsetDateTime dateTime(Object value) {
		if (value instanceof OffsetDateTime t) {
			return t.withOffsetSameInstant(ZoneOffset.UTC);
		}
		if (value instanceof java.time.Instant i) {
			return i.atOffset(ZoneOffset.UTC);
		}
		if (value instanceof LocalDate d) {
			return d.atStartOfDay().atOffset(ZoneOffset.UTC);
		}
		String s = value.toString().trim();
		if (s.length() == 10) {
			return LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
		}
		return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static TreeSet<Integer> multi(AttributeDefinition a, Object value) {
		TreeSet<Integer> values = new TreeSet<>();
		if (value instanceof Collection<?> c) {
			for (Object o : c) {
				values.add(integer(a, o));
			}
		} else {
			for (String part : value.toString().split(",")) {
				if (!part.isBlank()) {
					values.add(integer(a, part.trim()));
				}
			}
		}
		return values;
	}

	private static RecordRef reference(AttributeDefinition a, Object value) {
		if (value instanceof RecordRef r) {
			return r;
		}
		if (value instanceof Map<?, ?> m) {
			Object entity = m.get("entity");
			Object id = m.get("id");
			if (id == null) {
				throw RapportException.invalid(a.logicalName(), "a reference needs an id");
			}
			return new RecordRef(entity == null ? a.targets().get(0) : entity.toString(), UUID.fromString(id.toString()));
		}
		UUID id = value instanceof UUID u ? u : UUID.fromString(value.toString().trim());
		if (a.targets().size() != 1) {
			throw RapportException.invalid(a.logicalName(),
					"refers to one of " + a.targets() + ": say which entity the id belongs to");
		}
		return new RecordRef(a.targets().get(0), id);
	}

	/** Checks a typed value against the attribute's limits: length, range, options, format. */
	public static void check(AttributeDefinition a, Object value) {
		if (value == null) {
			return;
		}
		switch (a.type()) {
			case String, Memo -> {
				String s = (String) value;
				if (a.maxLength() != null && s.length() > a.maxLength()) {
					throw RapportException.invalid(a.logicalName(),
							"is " + s.length() + " characters long; at most " + a.maxLength() + " are allowed");
				}
				if (a.format() == StringFormat.Email && !s.isEmpty() && !EMAIL.matcher(s).matches()) {
					throw RapportException.invalid(a.logicalName(), "'" + s + "' is not an email address");
				}
				if (s.indexOf('\0') >= 0) {
					throw RapportException.invalid(a.logicalName(), "contains a NUL character");
				}
			}
			case Integer, BigInt, Decimal, Money, Double -> range(a, new BigDecimal(value.toString()));
			case Picklist -> {
				if (a.option((Integer) value).isEmpty()) {
					throw RapportException.invalid(a.logicalName(), value + " is not one of its options "
							+ a.options().stream().map(OptionDefinition::value).toList());
				}
			}
			case MultiSelectPicklist -> {
				for (Object v : (Collection<?>) value) {
					if (a.option((Integer) v).isEmpty()) {
						throw RapportException.invalid(a.logicalName(), v + " is not one of its options");
					}
				}
			}
			default -> {
			}
		}
	}

	private static void range(AttributeDefinition a, BigDecimal n) {
		if (a.minValue() != null && n.compareTo(a.minValue()) < 0) {
			throw RapportException.invalid(a.logicalName(), n.toPlainString() + " is less than the minimum " + a.minValue().toPlainString());
		}
		if (a.maxValue() != null && n.compareTo(a.maxValue()) > 0) {
			throw RapportException.invalid(a.logicalName(), n.toPlainString() + " is more than the maximum " + a.maxValue().toPlainString());
		}
		if (a.type() == AttributeType.Integer && (n.compareTo(BigDecimal.valueOf(java.lang.Integer.MAX_VALUE)) > 0
				|| n.compareTo(BigDecimal.valueOf(java.lang.Integer.MIN_VALUE)) < 0)) {
			throw RapportException.invalid(a.logicalName(), n.toPlainString() + " is out of the whole-number range");
		}
		if ((a.type() == AttributeType.Decimal || a.type() == AttributeType.Money) && a.precision() != null) {
			BigDecimal scaled = n.stripTrailingZeros();
			if (scaled.scale() > a.precision()) {
				throw RapportException.invalid(a.logicalName(), n.toPlainString() + " has more than " + a.precision() + " decimal places");
			}
			if (scaled.precision() - scaled.scale() > 23 - (a.type() == AttributeType.Money ? 4 : a.precision())) {
				throw RapportException.invalid(a.logicalName(), n.toPlainString() + " is too large");
			}
		}
	}

	/** The value to bind to the attribute's column. */
	public static Object toColumn(AttributeDefinition a, Object value) {
		if (value == null) {
			return null;
		}
		return switch (a.type()) {
			case Lookup, Customer, Owner -> ((RecordRef) value).id();
			case MultiSelectPicklist -> String.join(",", ((Collection<?>) value).stream().map(Object::toString).toList());
			default -> value;
		};
	}

	/** The typed value read from the attribute's column (and, for polymorphic references, its type column). */
	public static Object fromColumn(AttributeDefinition a, Object column, String typeColumn) {
		if (column == null) {
			return null;
		}
		return switch (a.type()) {
			case Lookup, Customer, Owner -> new RecordRef(typeColumn == null ? a.targets().get(0) : typeColumn, (UUID) column);
			case MultiSelectPicklist -> multi(a, column);
			case DateTime -> column instanceof OffsetDateTime t ? t.withOffsetSameInstant(ZoneOffset.UTC) : dateTime(column);
			case DateOnly -> column instanceof java.sql.Date d ? d.toLocalDate() : column;
			case Decimal, Money -> column instanceof BigDecimal d ? d : new BigDecimal(column.toString());
			case Integer, Picklist, State, Status -> ((Number) column).intValue();
			case BigInt -> ((Number) column).longValue();
			case Double -> ((Number) column).doubleValue();
			default -> column;
		};
	}
}
