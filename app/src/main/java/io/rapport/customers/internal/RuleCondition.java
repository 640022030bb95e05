package io.rapport.customers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;

/**
 * One condition of a published rule, with the attributes resolved: how a base value becomes a query condition on the
 * matching attribute (in a form an index serves), and the key two values share when they match.
 */
record RuleCondition(AttributeDefinition base, AttributeDefinition matching, MatchOperator operator, int characters,
		boolean ignoreBlank) {

	/** The key of a blank value when blanks match each other. */
	static final String BLANK = "";

	static boolean blank(Object value) {
		return value == null || value instanceof String s && s.isBlank();
	}

	/** The condition a matching record meets, or empty when the base value is blank and blanks are ignored. */
	Optional<Criterion> criterion(Object value) {
		if (blank(value)) {
			if (ignoreBlank) {
				return Optional.empty();
			}
			String m = matching.logicalName();
			return Optional.of(text() ? Criterion.or(Criterion.where(m, Operator.Null), Criterion.where(m, Operator.Eq, BLANK))
					: Criterion.where(m, Operator.Null));
		}
		String m = matching.logicalName();
		return Optional.of(switch (operator) {
			case ExactMatch, ExactMatchPickList -> Criterion.where(m, Operator.Eq, value);
			case SameFirstCharacters -> value.toString().length() < characters ? Criterion.where(m, Operator.Eq, value)
					: Criterion.where(m, Operator.BeginsWith, value.toString().substring(0, characters));
			case SameLastCharacters -> {
				String s = value.toString();
				yield s.length() < characters ? Criterion.where(m, Operator.Eq, s)
						: Criterion.where(m, Operator.EndsWith, s.substring(s.length() - characters));
			}
			case SameDate -> Criterion.where(m, Operator.On, day(value));
			case SameDateAndTime -> {
				if (!(value instanceof OffsetDateTime t)) {
					yield Criterion.where(m, Operator.Eq, value);
				}
				OffsetDateTime minute = t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
				yield Criterion.and(Criterion.where(m, Operator.Ge, minute), Criterion.where(m, Operator.Lt, minute.plusMinutes(1)));
			}
		});
	}

	/**
	 * What two values share when they match under this condition: text cut to the compared characters (lower-cased
	 * unless the rule is case-sensitive), a day, a minute, an id or the value itself; empty for an ignored blank.
	 */
	Optional<Object> key(Object value, boolean caseSensitive) {
		if (blank(value)) {
			return ignoreBlank ? Optional.empty() : Optional.of(BLANK);
		}
		if (value instanceof String s) {
			String t = caseSensitive ? s : s.toLowerCase(Locale.ROOT);
			return Optional.of(switch (operator) {
				case SameFirstCharacters -> t.substring(0, Math.min(characters, t.length()));
				case SameLastCharacters -> t.substring(Math.max(0, t.length() - characters));
				default -> t;
			});
		}
		if (value instanceof RecordRef r) {
			return Optional.of(r.id());
		}
		if (value instanceof BigDecimal d) {
			return Optional.of(d.stripTrailingZeros());
		}
		if (value instanceof OffsetDateTime t) {
			OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
			return Optional.of(switch (operator) {
				case SameDate -> utc.toLocalDate();
				case SameDateAndTime -> utc.truncatedTo(ChronoUnit.MINUTES);
				default -> utc;
			});
		}
		return Optional.of(value);
	}

	private boolean text() {
		return matching.type() == AttributeType.String;
	}

	private static LocalDate day(Object value) {
		return value instanceof OffsetDateTime t ? t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate() : (LocalDate) value;
	}
}
