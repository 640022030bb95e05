package io.rapport.query.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.SelectConditionStep;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.AttributeValues;
import io.rapport.metadata.ColumnTypes;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.LinkEntity;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;
import io.rapport.security.AccessControl;

/**
 * Compiles a {@link Query} to SQL for the principal: columns, joins, conditions, the access predicate on every table
 * it reads, order and keyset paging.
 */
final class QueryCompiler {

	static final String ROOT = "t0";

	/** System columns that are never null, so the keyset can use a plain row comparison on them. */
	private static final Set<String> NEVER_NULL = Set.of("statecode", "versionnumber", "createdon", "modifiedon");

	/** How many levels Under and UnderOrEqual descend at most. */
	static final int MAX_HIERARCHY_DEPTH = 100;

	private final Metadata metadata;
	private final AccessControl access;
	private final DSLContext dsl;

	QueryCompiler(Metadata metadata, AccessControl access, DSLContext dsl) {
		this.metadata = metadata;
		this.access = access;
		this.dsl = dsl;
	}

	/** Everything about one compiled query that the engine needs to run it and read its rows. */
	record Compiled(EntityDefinition entity, Table<?> root, Map<String, Source> sources, List<Selected> selected,
			Condition where, Table<?> from, List<SortKey> sortKeys, boolean keysetPossible, Query query,
			Condition filter, List<Condition> accessArms) {

		/** What a cursor of this query carries; worked out only when a page needs one (a read by id never does). */
		int fingerprint() {
			return Cursor.fingerprint(query);
		}
	}

	/** A table in the query: the root or a linked entity. */
	record Source(String alias, EntityDefinition entity, Table<?> table) {
	}

	/** One selected attribute and the column(s) it is read from. */
	record Selected(String key, AttributeDefinition attribute, Field<?> column, Field<String> typeColumn) {
	}

	record SortKey(Field<Object> field, AttributeDefinition attribute, boolean descending, boolean nullable) {
	}

	Compiled compile(Principal principal, Query query) {
		if (principal == null) {
			throw new IllegalArgumentException("A query needs a principal");
		}
		EntityDefinition entity = metadata.entity(query.entity());
		Table<?> root = table(name(entity.table())).as(ROOT);
		Map<String, Source> sources = new LinkedHashMap<>();
		sources.put(null, new Source(ROOT, entity, root));
		List<Selected> selected = new ArrayList<>();
		select(principal, selected, sources.get(null), query.columns());

		List<Condition> accessArms = access.readArms(principal, entity, root);
		Condition where = DSL.noCondition();
		Table<?> from = root;
		int i = 1;
		for (LinkEntity link : query.links()) {
			EntityDefinition linked = metadata.entity(link.entity());
			String alias = link.alias() == null ? link.entity() : link.alias();
			if (sources.containsKey(alias) || !alias.matches("[a-z][a-z0-9_]{0,49}")) {
				throw new RapportException(400, "InvalidLink", "The link alias '" + alias + "' is not valid or used twice.");
			}
			Table<?> t = table(name(linked.table())).as("t" + i++);
			Source parent = sources.get(null);
			AttributeDefinition fromAttr = parent.entity().requireAttribute(link.from());
			AttributeDefinition toAttr = linked.requireAttribute(link.to());
			Condition on = objectField(column(parent, fromAttr)).eq(objectField(column(new Source(t.getName(), linked, t), toAttr)));
			Condition visible = access.readPredicate(principal, linked, t);
			Source source = new Source(t.getName(), linked, t);
			sources.put(alias, source);
			Condition linkFilter = link.filter() == null ? noCondition() : condition(principal, sources, link.filter(), alias);
			if (link.outer()) {
				from = from.leftJoin(t).on(on.and(visible).and(linkFilter));
			} else {
				from = from.join(t).on(on);
				where = where.and(visible).and(linkFilter);
			}
			for (String c : link.columns()) {
				AttributeDefinition a = linked.requireAttribute(c);
				if (!access.canRead(principal, linked, a)) {
					continue;
				}
				selected.add(new Selected(alias + "." + c, a, column(source, a), typeColumn(source, a)));
			}
		}
		if (query.filter() != null) {
			where = where.and(condition(principal, sources, query.filter(), null));
		}

		List<SortKey> sortKeys = new ArrayList<>();
		boolean keysetPossible = true;
		for (Order order : query.orders()) {
			Source source = source(sources, order.alias());
			AttributeDefinition a = source.entity().requireAttribute(order.attribute());
			requireReadable(principal, source.entity(), a, "sort by");
			if (order.alias() != null) {
				keysetPossible = false;
			}
			if (a.type() == AttributeType.MultiSelectPicklist || a.type() == AttributeType.Memo) {
				throw RapportException.invalid(a.logicalName(), "cannot be used to sort");
			}
			boolean nullable = !(a.logicalName().equals(entity.primaryIdAttribute()) || NEVER_NULL.contains(a.logicalName()));
			sortKeys.add(new SortKey(objectField(column(source, a)), a, order.descending(), nullable));
		}
		AttributeDefinition id = entity.requireAttribute(entity.primaryIdAttribute());
		boolean lastDescending = !sortKeys.isEmpty() && sortKeys.get(sortKeys.size() - 1).descending();
		if (sortKeys.stream().noneMatch(k -> k.attribute() == id)) {
			sortKeys.add(new SortKey(objectField(column(sources.get(null), id)), id, lastDescending, false));
		}
		Condition access = accessArms.isEmpty() ? DSL.noCondition() : DSL.or(accessArms);
		return new Compiled(entity, root, sources, selected, where.and(access), from, sortKeys,
				keysetPossible && !query.distinct(), query, where, accessArms);
	}

	@SuppressWarnings("unchecked")
	private static Field<Object> objectField(Field<?> f) {
		return (Field<Object>) f;
	}

	/** Secured attributes the principal may not read are left out: absent, not merely blank. */
	private void select(Principal principal, List<Selected> selected, Source source, List<String> columns) {
		EntityDefinition e = source.entity();
		List<AttributeDefinition> attributes = new ArrayList<>();
		if (columns.isEmpty()) {
			attributes.addAll(e.attributes());
		} else {
			// by name: comparing whole attribute definitions (records with many parts) was a measurable share of a read
			Set<String> names = new HashSet<>();
			attributes.add(e.requireAttribute(e.primaryIdAttribute()));
			names.add(e.primaryIdAttribute());
			for (String c : columns) {
				AttributeDefinition a = e.requireAttribute(c);
				if (names.add(a.logicalName())) {
					attributes.add(a);
				}
			}
			if (names.add("versionnumber")) {
				attributes.add(e.requireAttribute("versionnumber"));
			}
		}
		for (AttributeDefinition a : attributes) {
			if (access.canRead(principal, e, a)) {
				selected.add(new Selected(a.logicalName(), a, column(source, a), typeColumn(source, a)));
			}
		}
	}

	static Field<?> column(Source source, AttributeDefinition a) {
		return field(name(source.alias(), a.logicalName()), ColumnTypes.of(a));
	}

	private static Field<String> typeColumn(Source source, AttributeDefinition a) {
		return a.polymorphic() ? field(name(source.alias(), a.typeColumn()), ColumnTypes.typeColumn()) : null;
	}

	private static Source source(Map<String, Source> sources, String alias) {
		Source s = sources.get(alias);
		if (s == null) {
			throw new RapportException(400, "InvalidLink", "There is no linked entity with the alias '" + alias + "'.");
		}
		return s;
	}

	private Condition condition(Principal principal, Map<String, Source> sources, Criterion criterion, String defaultAlias) {
		if (criterion instanceof Criterion.Group g) {
			if (g.criteria().isEmpty()) {
				return noCondition();
			}
			List<Condition> parts = new ArrayList<>();
			for (Criterion c : g.criteria()) {
				parts.add(condition(principal, sources, c, defaultAlias));
			}
			return g.or() ? DSL.or(parts) : DSL.and(parts);
		}
		if (criterion instanceof Criterion.Not n) {
			// CASE keeps "not" two-valued: a comparison with null is unknown, and its negation must match
			return DSL.when(condition(principal, sources, n.criterion(), defaultAlias), DSL.inline(1)).else_(DSL.inline(0))
				.eq(DSL.inline(0));
		}
		if (criterion instanceof Criterion.Exists x) {
			return exists(principal, sources, x, defaultAlias);
		}
		Criterion.Condition c = (Criterion.Condition) criterion;
		Source source = source(sources, c.alias() == null ? defaultAlias : c.alias());
		AttributeDefinition a = source.entity().requireAttribute(c.attribute());
		requireReadable(principal, source.entity(), a, "filter on");
		return new ConditionBuilder(principal, source, a, c).build();
	}

	/** Related records exist that the principal may read, each through the same access predicate as the query's own rows. */
	private Condition exists(Principal principal, Map<String, Source> sources, Criterion.Exists x, String defaultAlias) {
		Source parent = source(sources, defaultAlias);
		EntityDefinition linked = metadata.entity(x.entity());
		AttributeDefinition to = linked.requireAttribute(x.attribute());
		AttributeDefinition from = parent.entity().requireAttribute(x.parentAttribute());
		// the lookup joining the two would reveal its (secured) values by inference, as a condition on it would
		requireReadable(principal, linked, to, "filter through");
		requireReadable(principal, parent.entity(), from, "filter through");
		// sibling subqueries may share an alias; a nested one takes the next
		int depth = parent.alias().matches("x\\d+") ? Integer.parseInt(parent.alias().substring(1)) + 1 : 1;
		Table<?> t = table(name(linked.table())).as("x" + depth);
		Source inner = new Source(t.getName(), linked, t);
		Map<String, Source> innerSources = new LinkedHashMap<>();
		innerSources.put(null, inner);
		Condition on = objectField(column(inner, to)).eq(objectField(column(parent, from)));
		Condition filter = x.filter() == null ? noCondition() : condition(principal, innerSources, x.filter(), null);
		return DSL.exists(DSL.selectOne().from(t).where(on).and(access.readPredicate(principal, linked, t)).and(filter));
	}

	/** Filtering or sorting on a secured field would reveal its values by inference, so it is refused outright. */
	private void requireReadable(Principal principal, EntityDefinition entity, AttributeDefinition a, String what) {
		if (!access.canRead(principal, entity, a)) {
			throw new RapportException(403, "FieldAccessDenied", "You may not " + what + " the secured field "
					+ a.logicalName() + ".", List.of(new RapportException.AttributeError(a.logicalName(), "secured field")));
		}
	}

	/** Builds one condition; each operator in one place. */
	private final class ConditionBuilder {

		private final Principal principal;
		private final Source source;
		private final AttributeDefinition a;
		private final Criterion.Condition c;
		private final Field<Object> f;

		ConditionBuilder(Principal principal, Source source, AttributeDefinition a, Criterion.Condition c) {
			this.principal = principal;
			this.source = source;
			this.a = a;
			this.c = c;
			this.f = objectField(column(source, a));
		}

		Condition build() {
			Operator op = c.operator();
			if (op == null) {
				throw RapportException.invalid(a.logicalName(), "the condition has no operator");
			}
			int n = c.values().size();
			if ((op.arity() >= 0 && n != op.arity()) || (op.arity() < 0 && n == 0)) {
				throw RapportException.invalid(a.logicalName(), "the operator " + op + " takes "
						+ (op.arity() < 0 ? "one or more values" : op.arity() + " value(s)") + ", not " + n);
			}
			return switch (op) {
				case Eq -> text() ? lower(str()).eq(lower(strValue(0))) : f.eq(value(0));
				case Ne -> text() ? lower(str()).ne(lower(strValue(0))).or(f.isNull()) : f.ne(value(0)).or(f.isNull());
				case Gt -> f.gt(value(0));
				case Ge -> f.ge(value(0));
				case Lt -> f.lt(value(0));
				case Le -> f.le(value(0));
				case Like -> lower(requireText()).like(lower(strValue(0)), '\\');
				case NotLike -> lower(requireText()).notLike(lower(strValue(0)), '\\').or(f.isNull());
				case BeginsWith -> beginsWith(strValue(0));
				case NotBeginWith -> beginsWith(strValue(0)).not().or(f.isNull());
				case EndsWith -> lower(requireText()).like(pattern("%", escape(strValue(0)), ""), '\\');
				case NotEndWith -> lower(requireText()).notLike(pattern("%", escape(strValue(0)), ""), '\\').or(f.isNull());
				case Contains -> lower(requireText()).like(pattern("%", escape(strValue(0)), "%"), '\\');
				case DoesNotContain -> lower(requireText()).notLike(pattern("%", escape(strValue(0)), "%"), '\\')
					.or(f.isNull());
				case In -> text() ? lower(str()).in(c.values().stream().map(v -> lower(val(coerceText(v)))).toList())
						: f.in(values());
				case NotIn -> (text() ? lower(str()).notIn(c.values().stream().map(v -> lower(val(coerceText(v)))).toList())
						: f.notIn(values())).or(f.isNull());
				case Null -> f.isNull();
				case NotNull -> f.isNotNull();
				case Between -> f.between(value(0), value(1));
				case NotBetween -> f.notBetween(value(0), value(1)).or(f.isNull());
				case On -> onDay(day(0));
				case OnOrBefore -> f.lt(dayStart(day(0).plusDays(1)));
				case OnOrAfter -> f.ge(dayStart(day(0)));
				case Today -> onDay(LocalDate.now(ZoneOffset.UTC));
				case Yesterday -> onDay(LocalDate.now(ZoneOffset.UTC).minusDays(1));
				case Tomorrow -> onDay(LocalDate.now(ZoneOffset.UTC).plusDays(1));
				case LastXDays -> lastDays(days(0));
				case NextXDays -> nextDays(days(0));
				case EqUserId -> userCondition().eq(principal.userId());
				case NeUserId -> userCondition().ne(principal.userId()).or(f.isNull());
				case Under -> under(false);
				case UnderOrEqual -> under(true);
			};
		}

		private boolean text() {
			return a.type().isText();
		}

		@SuppressWarnings("unchecked")
		private Field<String> str() {
			return (Field<String>) (Field<?>) f;
		}

		private Field<String> requireText() {
			if (!text()) {
				throw RapportException.invalid(a.logicalName(), "the operator " + c.operator() + " applies only to text");
			}
			return str();
		}

		private String coerceText(Object v) {
			if (v == null) {
				throw RapportException.invalid(a.logicalName(), "null is not a value to compare with; use the Null operator");
			}
			return withoutNul(v.toString());
		}

		/** No stored text holds a NUL character, and PostgreSQL refuses one in a parameter with an error. */
		private String withoutNul(String text) {
			if (text.indexOf('\0') >= 0) {
				throw RapportException.invalid(a.logicalName(), "the value contains a NUL character");
			}
			return text;
		}

		private String strValue(int i) {
			requireText();
			return coerceText(c.values().get(i));
		}

		private Object typed(Object raw) {
			if (raw == null) {
				throw RapportException.invalid(a.logicalName(), "null is not a value to compare with; use the Null operator");
			}
			if (a.type().isReference() && raw instanceof RecordRef r) {
				return r.id();
			}
			if (a.type().isReference()) {
				return coerceUuid(raw);
			}
			if (a.type() == AttributeType.MultiSelectPicklist) {
				throw RapportException.invalid(a.logicalName(), "multi-select choices can only be tested for null");
			}
			Object value = AttributeValues.toColumn(a, AttributeValues.coerce(a, raw));
			return value instanceof String text ? withoutNul(text) : value;
		}

		private UUID coerceUuid(Object raw) {
			try {
				return raw instanceof UUID u ? u : UUID.fromString(raw.toString());
			} catch (IllegalArgumentException e) {
				throw RapportException.invalid(a.logicalName(), "'" + raw + "' is not a valid record id (GUID)");
			}
		}

		private Field<Object> value(int i) {
			return val(typed(c.values().get(i)), f.getDataType());
		}

		private List<Field<Object>> values() {
			List<Field<Object>> list = new ArrayList<>();
			c.values().forEach(v -> list.add(val(typed(v), f.getDataType())));
			return list;
		}

		/**
		 * Begins-with as a LIKE on the escaped prefix. Not as a range (prefix ≤ value < next prefix): under a linguistic
		 * collation "éa" sorts after "ê", so the range would miss words that do begin with the prefix.
		 */
		private Condition beginsWith(String prefix) {
			return lower(requireText()).like(pattern("", escape(prefix), "%"), '\\');
		}

		/** A LIKE pattern lowered by the database, as the column is: Java's lower case depends on the server's locale. */
		private Field<String> pattern(String before, String text, String after) {
			return lower(val(before + text + after));
		}

		private LocalDate day(int i) {
			requireTemporal();
			Object v = c.values().get(i);
			try {
				if (v instanceof LocalDate d) {
					return d;
				}
				if (v instanceof OffsetDateTime t) {
					return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
				}
				String s = String.valueOf(v);
				return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
			} catch (java.time.format.DateTimeParseException e) {
				throw RapportException.invalid(a.logicalName(), "'" + v + "' is not a date (yyyy-mm-dd)");
			}
		}

		private int days(int i) {
			requireTemporal();
			Object v = c.values().get(i);
			try {
				int d = v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).trim());
				if (d < 0 || d > 36500) {
					throw new NumberFormatException();
				}
				return d;
			} catch (NumberFormatException e) {
				throw RapportException.invalid(a.logicalName(), "'" + v + "' is not a number of days");
			}
		}

		private void requireTemporal() {
			if (!a.type().isTemporal()) {
				throw RapportException.invalid(a.logicalName(), "the operator " + c.operator() + " applies only to dates");
			}
		}

		private Object dayStart(LocalDate d) {
			return a.type() == AttributeType.DateOnly ? d : d.atStartOfDay().atOffset(ZoneOffset.UTC);
		}

		private Condition onDay(LocalDate d) {
			requireTemporal();
			return f.ge(val(dayStart(d), f.getDataType())).and(f.lt(val(dayStart(d.plusDays(1)), f.getDataType())));
		}

		private Condition lastDays(int n) {
			if (a.type() == AttributeType.DateOnly) {
				LocalDate today = LocalDate.now(ZoneOffset.UTC);
				return f.ge(val(today.minusDays(n), f.getDataType())).and(f.le(val(today, f.getDataType())));
			}
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			return f.ge(val(now.minusDays(n), f.getDataType())).and(f.le(val(now, f.getDataType())));
		}

		private Condition nextDays(int n) {
			if (a.type() == AttributeType.DateOnly) {
				LocalDate today = LocalDate.now(ZoneOffset.UTC);
				return f.ge(val(today, f.getDataType())).and(f.le(val(today.plusDays(n), f.getDataType())));
			}
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			return f.ge(val(now, f.getDataType())).and(f.le(val(now.plusDays(n), f.getDataType())));
		}

		private Field<Object> userCondition() {
			if (!a.type().isReference() || !(a.targets().contains("systemuser"))) {
				throw RapportException.invalid(a.logicalName(), "the operator " + c.operator() + " applies only to user lookups");
			}
			return f;
		}

		/**
		 * Records under the given record in the entity's hierarchy: a recursive query over the hierarchical relationship,
		 * at most {@link #MAX_HIERARCHY_DEPTH} levels deep (Dataverse's default recursion limit), so that a loop in the
		 * stored hierarchy ends the recursion instead of running forever.
		 */
		private Condition under(boolean orEqual) {
			EntityDefinition e = source.entity();
			RelationshipDefinition hierarchy = metadata.hierarchy(e.logicalName())
				.orElseThrow(() -> RapportException.invalid(a.logicalName(), e.logicalName() + " has no hierarchy"));
			boolean onId = a.logicalName().equals(e.primaryIdAttribute());
			boolean onParent = a.logicalName().equals(hierarchy.referencingAttribute());
			if (!onId && !onParent) {
				throw RapportException.invalid(a.logicalName(), "the operator " + c.operator()
						+ " applies to " + e.primaryIdAttribute() + " or " + hierarchy.referencingAttribute());
			}
			UUID top = coerceUuid(c.values().get(0));
			Table<?> t = table(name(e.table()));
			Field<UUID> id = field(name(e.table(), e.primaryIdAttribute()), SQLDataType.UUID);
			Field<UUID> parent = field(name(e.table(), hierarchy.referencingAttribute()), SQLDataType.UUID);
			Field<UUID> hid = field(name("h", "id"), SQLDataType.UUID);
			Field<Integer> level = field(name("h", "level"), SQLDataType.INTEGER);
			CommonTableExpression<Record2<UUID, Integer>> h = name("h").fields("id", "level")
				.as(DSL.select(id, DSL.inline(1)).from(t).where(parent.eq(top))
					.unionAll(DSL.select(id, level.plus(1)).from(t).join(table(name("h"))).on(parent.eq(hid))
						.where(level.lt(MAX_HIERARCHY_DEPTH))));
			Field<UUID> self = field(name(source.alias(), e.primaryIdAttribute()), SQLDataType.UUID);
			Condition inTree = self.in(DSL.withRecursive(h).select(hid).from(h));
			return orEqual ? inTree.or(self.eq(top)) : inTree;
		}
	}

	static String escape(String s) {
		return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * The keyset conditions "after the row with these sort values", in the order to try them: the page is the first
	 * rows of the first condition, topped up from the next ones when it runs short. The usual orders (one attribute,
	 * possibly null, then the id) become row comparisons an index serves directly — {@code (k, id) > (v, w)} — with the
	 * rows whose key is null fetched as a separate tail, because an OR of the two defeats the index (measured: page
	 * 1,000 of 1M contacts read 50,001 rows as an OR, 51 as a row comparison). Other orders fall back to one expanded
	 * condition.
	 */
	static List<Condition> after(List<SortKey> keys, List<Object> last) {
		boolean sameDirection = keys.stream().allMatch(k -> k.descending() == keys.get(0).descending());
		boolean restNeverNull = keys.stream().skip(1).noneMatch(SortKey::nullable);
		if (sameDirection && restNeverNull) {
			SortKey first = keys.get(0);
			boolean descending = first.descending();
			if (!first.nullable()) {
				return List.of(rowAfter(keys, last, descending));
			}
			Field<Object> f = first.field();
			Condition restAfter = keys.size() == 1 ? trueCondition()
					: rowAfter(keys.subList(1, keys.size()), last.subList(1, last.size()), descending);
			boolean atNull = last.get(0) == null;
			if (!descending) {
				// ascending, nulls last: the non-null rows after the cursor, then the null tail
				return atNull ? List.of(f.isNull().and(restAfter)) : List.of(rowAfter(keys, last, false), f.isNull());
			}
			// descending, nulls first: the rest of the null head, then every non-null row
			return atNull ? List.of(f.isNull().and(restAfter), f.isNotNull()) : List.of(rowAfter(keys, last, true));
		}
		Condition result = falseCondition();
		Condition equalSoFar = trueCondition();
		for (int i = 0; i < keys.size(); i++) {
			SortKey k = keys.get(i);
			Object v = last.get(i);
			result = result.or(equalSoFar.and(strictlyAfter(k, v)));
			equalSoFar = equalSoFar.and(v == null ? k.field().isNull() : k.field().eq(val(v, k.field().getDataType())));
		}
		return List.of(result);
	}

	/** {@code (k1, …, kn) > (v1, …, vn)} (or {@code <} descending); rows with a null key never match it. */
	private static Condition rowAfter(List<SortKey> keys, List<Object> last, boolean descending) {
		List<Field<?>> fields = new ArrayList<>();
		List<Field<?>> values = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			fields.add(keys.get(i).field());
			values.add(val(last.get(i), keys.get(i).field().getDataType()));
		}
		return descending ? DSL.row(fields).lt(DSL.row(values)) : DSL.row(fields).gt(DSL.row(values));
	}

	/** Ascending sorts put nulls last, descending ones put them first (PostgreSQL's defaults, made explicit). */
	private static Condition strictlyAfter(SortKey k, Object v) {
		Field<Object> f = k.field();
		DataType<Object> type = f.getDataType();
		if (!k.descending()) {
			return v == null ? falseCondition() : (k.nullable() ? f.gt(val(v, type)).or(f.isNull()) : f.gt(val(v, type)));
		}
		return v == null ? f.isNotNull() : f.lt(val(v, type));
	}

	static List<SortField<?>> orderBy(List<SortKey> keys) {
		List<SortField<?>> order = new ArrayList<>();
		for (SortKey k : keys) {
			SortField<Object> s = k.descending() ? k.field().desc() : k.field().asc();
			order.add(k.nullable() ? (k.descending() ? s.nullsFirst() : s.nullsLast()) : s);
		}
		return order;
	}

	/** The same order over a union's output columns, which are named by their attribute names. */
	static List<SortField<?>> orderByOutput(List<SortKey> keys) {
		List<SortKey> unqualified = new ArrayList<>();
		for (SortKey k : keys) {
			unqualified.add(new SortKey(field(name(k.field().getName()), k.field().getDataType()), k.attribute(), k.descending(),
					k.nullable()));
		}
		return orderBy(unqualified);
	}

	SelectJoinStep<org.jooq.Record> baseSelect(Compiled compiled, boolean distinct) {
		List<Field<?>> fields = new ArrayList<>();
		for (Selected s : compiled.selected()) {
			fields.add(s.column());
			if (s.typeColumn() != null) {
				fields.add(s.typeColumn());
			}
		}
		for (SortKey k : compiled.sortKeys()) {
			if (!fields.contains(k.field())) {
				fields.add(k.field());
			}
		}
		return (distinct ? dsl.selectDistinct(fields) : dsl.select(fields)).from(compiled.from());
	}

	SelectConditionStep<Record1<Integer>> countSelect(Compiled compiled) {
		return dsl.selectOne().from(compiled.from()).where(compiled.where());
	}
}
