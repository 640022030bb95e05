package io.rapport.query.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeValues;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;
import io.rapport.query.internal.QueryCompiler.Compiled;
import io.rapport.query.internal.QueryCompiler.Selected;
import io.rapport.query.internal.QueryCompiler.SortKey;
import io.rapport.security.AccessControl;

@Component
class QueryEngine implements Queries {

	private final DSLContext dsl;
	private final QueryCompiler compiler;
	private final Metadata metadata;
	private final AccessControl access;

	QueryEngine(DSLContext dsl, Metadata metadata, AccessControl access) {
		this.dsl = dsl;
		this.metadata = metadata;
		this.access = access;
		this.compiler = new QueryCompiler(metadata, access, dsl);
	}

	@Override
	public RecordPage execute(Principal principal, Query query) {
		int size = query.pageSize();
		if (size < 1 || size > Query.MAX_PAGE_SIZE) {
			throw new RapportException(400, "InvalidPageSize",
					"The page size must be between 1 and " + Query.MAX_PAGE_SIZE + "; it was " + size + ".");
		}
		Compiled compiled = compiler.compile(principal, query);
		List<Record> rows = fetchPage(compiled, query);
		boolean more = rows.size() > size;
		List<Record> page = more ? rows.subList(0, size) : rows;
		List<EntityRecord> records = new ArrayList<>(page.size());
		for (Record row : page) {
			records.add(read(compiled, row));
		}
		String next = more ? nextCursor(compiled, query, page.get(page.size() - 1)) : null;
		Long total = null;
		boolean capped = false;
		if (query.count()) {
			long count = countOf(compiled);
			capped = count > COUNT_CAP;
			total = capped ? COUNT_CAP : count;
		}
		return new RecordPage(records, next, total, capped);
	}

	/** One page plus one row (to know whether there is a next page), through the keyset phases in order. */
	private List<Record> fetchPage(Compiled compiled, Query query) {
		List<Record> rows = new ArrayList<>();
		for (ResultQuery<Record> phase : phases(compiled, query)) {
			rows.addAll(phase.fetch());
			if (rows.size() > query.pageSize()) {
				break;
			}
		}
		return rows.size() > query.pageSize() + 1 ? rows.subList(0, query.pageSize() + 1) : rows;
	}

	private List<ResultQuery<Record>> phases(Compiled compiled, Query query) {
		List<Condition> after = List.of(DSL.noCondition());
		long offset = 0;
		if (query.cursor() != null && query.cursor().startsWith(Query.SKIP)) {
			offset = skipped(query);
		} else if (query.cursor() != null) {
			Cursor cursor = Cursor.decode(query.cursor(), compiled.fingerprint());
			if (cursor.kind().equals("k") && compiled.keysetPossible()) {
				after = QueryCompiler.after(compiled.sortKeys(), typedCursorValues(compiled, cursor));
			} else if (cursor.kind().equals("o")) {
				offset = cursor.offset();
			} else {
				throw new RapportException(400, "InvalidCursor", "The paging cursor does not match this query.");
			}
		}
		List<ResultQuery<Record>> phases = new ArrayList<>();
		boolean perArm = compiled.accessArms().size() > 1 && query.links().isEmpty() && !query.distinct() && offset == 0;
		for (Condition condition : after) {
			if (perArm) {
				phases.add(perAccessArm(compiled, condition, query.pageSize() + 1));
				continue;
			}
			var select = compiler.baseSelect(compiled, query.distinct())
				.where(compiled.where().and(condition))
				.orderBy(QueryCompiler.orderBy(compiled.sortKeys()));
			phases.add(offset > 0 ? select.limit(query.pageSize() + 1).offset(offset) : select.limit(query.pageSize() + 1));
		}
		return phases;
	}

	/**
	 * A page as the union of one ordered, limited query per access arm (owned in my unit, owned by me, shared with
	 * me…), each of which an index on (arm column, sort columns) serves in order, instead of one query whose OR of arms
	 * makes the database walk the sort index and filter most rows away (ADR 0007).
	 */
	private ResultQuery<Record> perAccessArm(Compiled compiled, Condition after, int limit) {
		List<org.jooq.SelectUnionStep<Record>> branches = new ArrayList<>();
		for (Condition arm : compiled.accessArms()) {
			branches.add(compiler.baseSelect(compiled, false)
				.where(compiled.filter().and(arm).and(after))
				.orderBy(QueryCompiler.orderBy(compiled.sortKeys()))
				.limit(limit));
		}
		org.jooq.SelectOrderByStep<Record> union = branches.get(0).union(branches.get(1));
		for (int i = 2; i < branches.size(); i++) {
			union = union.union(branches.get(i));
		}
		return union.orderBy(QueryCompiler.orderByOutput(compiled.sortKeys())).limit(limit);
	}

	private List<Object> typedCursorValues(Compiled compiled, Cursor cursor) {
		List<SortKey> keys = compiled.sortKeys();
		if (cursor.values().size() != keys.size()) {
			throw new RapportException(400, "InvalidCursor", "The paging cursor does not match this query.");
		}
		List<Object> values = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			String raw = cursor.values().get(i);
			var attribute = keys.get(i).attribute();
			try {
				values.add(raw == null ? null
						: attribute.type().isReference() || attribute.type() == io.rapport.metadata.AttributeType.Uniqueidentifier
								? UUID.fromString(raw) : AttributeValues.toColumn(attribute, AttributeValues.coerce(attribute, raw)));
			} catch (IllegalArgumentException e) {
				throw new RapportException(400, "InvalidCursor", "The paging cursor does not match this query.");
			}
		}
		return values;
	}

	private String nextCursor(Compiled compiled, Query query, Record last) {
		if (!compiled.keysetPossible()) {
			long previous = query.cursor() == null ? 0 : query.cursor().startsWith(Query.SKIP) ? skipped(query)
					: Cursor.decode(query.cursor(), compiled.fingerprint()).offset();
			return Cursor.offset(previous + query.pageSize(), compiled.fingerprint()).encode();
		}
		List<String> values = new ArrayList<>();
		for (SortKey k : compiled.sortKeys()) {
			Object v = last.get(k.field());
			values.add(v == null ? null : v.toString());
		}
		return Cursor.keyset(values, compiled.fingerprint()).encode();
	}

	private static long skipped(Query query) {
		try {
			return Long.parseLong(query.cursor().substring(Query.SKIP.length()));
		} catch (NumberFormatException e) {
			throw new RapportException(400, "InvalidCursor", "The paging cursor is not valid for this query.");
		}
	}

	private long countOf(Compiled compiled) {
		var limited = compiler.countSelect(compiled).limit(COUNT_CAP + 1);
		return dsl.selectCount().from(limited.asTable("c")).fetchOne(0, Long.class);
	}

	private EntityRecord read(Compiled compiled, Record row) {
		EntityRecord record = new EntityRecord(compiled.entity().logicalName());
		for (Selected s : compiled.selected()) {
			String type = s.typeColumn() == null ? null : row.get(s.typeColumn());
			Object value = AttributeValues.fromColumn(s.attribute(), row.get(s.column()), type);
			record.set(s.key(), value);
			if (s.key().equals(compiled.entity().primaryIdAttribute())) {
				record.id((UUID) value);
			}
		}
		return record;
	}

	@Override
	public long count(Principal principal, Query query) {
		return countOf(compiler.compile(principal, query));
	}

	@Override
	public Optional<EntityRecord> retrieve(Principal principal, String entity, UUID id, List<String> columns) {
		EntityDefinition definition = metadata.entity(entity);
		ReadById key = new ReadById(principal, entity, List.copyOf(columns));
		Object version = access.readVersion(principal);
		RenderedRead rendered = readsById.get(key);
		if (rendered == null || rendered.entity() != definition || !rendered.accessVersion().equals(version)) {
			rendered = render(principal, definition, key.columns(), version);
			if (readsById.size() >= MAX_RENDERED_READS) {
				readsById.clear();
			}
			readsById.put(key, rendered);
		}
		RenderedRead read = rendered;
		return Optional.ofNullable(dsl.connectionResult(c -> read.fetch(c, id)));
	}

	/** Reads by id kept rendered; beyond this many (principals × entities × column lists) they start over. */
	private static final int MAX_RENDERED_READS = 10_000;

	private record ReadById(Principal principal, String entity, List<String> columns) {
	}

	/**
	 * A read by id compiled and rendered once: its SQL, its bind values (with the id's place) and its fields. It
	 * holds while the entity's definition is the same object and the access control's read version for the principal
	 * still equals the one it was made under, so it never outlives a change of metadata, roles, teams or field
	 * security. Compiling and rendering had been a fifth of a read by id over the API.
	 */
	private record RenderedRead(EntityDefinition entity, Object accessVersion, Compiled compiled, String sql, Object[] binds,
			int idAt, Field<?>[] fields) {

		/**
		 * Runs the kept SQL with {@code id} on a plain prepared statement and reads the row by position, each column as
		 * its field's Java type: jOOQ's execution and result machinery had been a tenth of a read by id over the API.
		 */
		EntityRecord fetch(java.sql.Connection c, UUID id) throws java.sql.SQLException {
			try (java.sql.PreparedStatement statement = c.prepareStatement(sql)) {
				for (int i = 0; i < binds.length; i++) {
					statement.setObject(i + 1, i == idAt ? id : binds[i]);
				}
				try (java.sql.ResultSet rs = statement.executeQuery()) {
					if (!rs.next()) {
						return null;
					}
					EntityRecord record = new EntityRecord(compiled.entity().logicalName());
					int at = 1;
					for (Selected s : compiled.selected()) {
						Object column = rs.getObject(at, fields[at - 1].getType());
						at++;
						String type = s.typeColumn() == null ? null : rs.getString(at++);
						Object value = AttributeValues.fromColumn(s.attribute(), column, type);
						record.set(s.key(), value);
						if (s.key().equals(compiled.entity().primaryIdAttribute())) {
							record.id((UUID) value);
						}
					}
					return record;
				}
			}
		}
	}

	private final java.util.Map<ReadById, RenderedRead> readsById = new java.util.concurrent.ConcurrentHashMap<>();

	private RenderedRead render(Principal principal, EntityDefinition entity, List<String> columns, Object version) {
		// A marker id no record has finds the id's place among the bind values.
		UUID marker = UUID.randomUUID();
		Query query = Query.of(entity.logicalName()).select(columns)
			.where(Criterion.where(entity.primaryIdAttribute(), Operator.Eq, marker)).page(1);
		Compiled compiled = compiler.compile(principal, query);
		var select = compiler.baseSelect(compiled, false).where(compiled.where());
		Object[] binds = select.getBindValues().toArray();
		int idAt = -1;
		for (int i = 0; i < binds.length; i++) {
			if (marker.equals(binds[i])) {
				idAt = i;
			}
		}
		if (idAt < 0) {
			throw new IllegalStateException("The read of " + entity.logicalName() + " by id does not bind the id");
		}
		return new RenderedRead(entity, version, compiled, select.getSQL(), binds, idAt, select.getSelect().toArray(Field<?>[]::new));
	}

	@Override
	public List<RecordRef> related(Principal principal, RecordRef record, String relationship) {
		RelationshipDefinition r = metadata.relationship(relationship).filter(x -> !x.isOneToMany())
			.orElseThrow(() -> new RapportException(400, "UnknownRelationship",
					"There is no N:N relationship named '" + relationship + "'."));
		EntityDefinition one = metadata.entity(r.entity1());
		EntityDefinition two = metadata.entity(r.entity2());
		boolean self = one == two;
		boolean first = record.entity().equals(one.logicalName());
		if (!first && !record.entity().equals(two.logicalName())) {
			throw new RapportException(400, "InvalidRelationship",
					"The relationship " + r.schemaName() + " does not involve " + record.entity());
		}
		EntityDefinition other = first ? two : one;
		Field<UUID> mine = DSL.field(DSL.name("i", RelationshipDefinition.intersectColumn(first ? one : two, first, self)), UUID.class);
		Field<UUID> theirs = DSL.field(DSL.name("i", RelationshipDefinition.intersectColumn(other, !first, self)), UUID.class);
		Table<?> t = DSL.table(DSL.name(other.table())).as(QueryCompiler.ROOT);
		Field<UUID> otherId = DSL.field(DSL.name(QueryCompiler.ROOT, other.primaryIdAttribute()), UUID.class);
		return dsl.select(otherId)
			.from(DSL.table(DSL.name(r.intersectEntity())).as("i"))
			.join(t).on(theirs.eq(otherId))
			.where(mine.eq(record.id()))
			.and(access.readPredicate(principal, other, t))
			.orderBy(otherId)
			.fetch(0, UUID.class)
			.stream()
			.map(id -> new RecordRef(other.logicalName(), id))
			.toList();
	}

	@Override
	public String sql(Principal principal, Query query) {
		Compiled compiled = compiler.compile(principal, query);
		return phases(compiled, query).get(0).getSQL(ParamType.INLINED);
	}

}
