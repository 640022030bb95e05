package io.rapport.data.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RapportException.AttributeError;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.RecordChanged;
import io.rapport.data.Records;
import io.rapport.data.Stage;
import io.rapport.metadata.AlternateKeyDefinition;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.AttributeValues;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.ColumnTypes;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.AccessControl;
import io.rapport.security.Privilege;

/** The record pipeline: validate → pre-operation → operation → post-operation, in one transaction per message. */
@Component
class RecordPipeline implements Records {

	/** Attributes the platform sets; callers may not. */
	private static final Set<String> SYSTEM_SET = Set.of("createdon", "createdby", "modifiedon", "modifiedby",
			"owningbusinessunit", "versionnumber");

	private static final int MAX_DEPTH = 8;

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	/**
	 * Runs a write inside a savepoint when explaining its failure takes a query (which key was duplicated?): on
	 * PostgreSQL a failed statement aborts the whole transaction. Only then, as a savepoint costs two round trips.
	 */
	private final TransactionTemplate savepoint;
	private final Metadata metadata;
	private final Queries queries;
	private final AccessControl access;
	private final HandlerRegistry handlers;
	private final ApplicationEventPublisher events;
	private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
	/** Lookup targets already checked by the bulk create running on this thread (null when none runs). */
	private final ThreadLocal<Map<List<Object>, java.util.Optional<EntityRecord>>> bulkReferences = new ThreadLocal<>();

	RecordPipeline(DSLContext dsl, TransactionTemplate tx, Metadata metadata, Queries queries, AccessControl access,
			HandlerRegistry handlers, ApplicationEventPublisher events) {
		this.dsl = dsl;
		this.tx = tx;
		this.savepoint = new TransactionTemplate(tx.getTransactionManager());
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.metadata = metadata;
		this.queries = queries;
		this.access = access;
		this.handlers = handlers;
		this.events = events;
	}

	// ---------------------------------------------------------------- create

	@Override
	public UUID create(Principal principal, EntityRecord input) {
		return inTransaction(() -> {
			Prepared p = withReferenceCache(() -> prepare(principal, input));
			insert(p.entity(), p.target(), principal);
			handlers.run(Stage.PostOperation, p.context());
			publish(Message.Create, p.target().ref(), p.target().values().keySet(), principal);
			return p.target().id();
		});
	}

	/**
	 * Creates the records in one transaction: each is prepared, checked and passed through the Validate and
	 * PreOperation handlers as by {@link #create}; then all rows are written with batched inserts (one per column
	 * shape), then the PostOperation handlers and events run for each. A failure names the index of the record.
	 */
	@Override
	public List<UUID> createMultiple(Principal principal, List<EntityRecord> inputs) {
		return inTransaction(() -> {
			List<Prepared> prepared = withReferenceCache(() -> {
				List<Prepared> list = new ArrayList<>(inputs.size());
				for (int i = 0; i < inputs.size(); i++) {
					EntityRecord input = inputs.get(i);
					list.add(atIndex(i, () -> prepareUntilPreOperation(principal, input)));
				}
				atIndexOf(list, () -> handlers.runAll(Stage.PreOperation, list.stream().map(Prepared::context).toList()));
				for (int i = 0; i < list.size(); i++) {
					Prepared p = list.get(i);
					atIndex(i, () -> {
						validate(principal, p.entity(), p.target(), null);
						return null;
					});
				}
				return list;
			});
			insertAll(principal, prepared);
			atIndexOf(prepared, () -> handlers.runAll(Stage.PostOperation, prepared.stream().map(Prepared::context).toList()));
			List<UUID> ids = new ArrayList<>(prepared.size());
			for (Prepared p : prepared) {
				publish(Message.Create, p.target().ref(), p.target().values().keySet(), principal);
				ids.add(p.target().id());
			}
			return ids;
		});
	}

	private record Prepared(EntityDefinition entity, EntityRecord target, PipelineContext context) {
	}

	private Prepared prepare(Principal principal, EntityRecord input) {
		Prepared p = prepareUntilPreOperation(principal, input);
		handlers.run(Stage.PreOperation, p.context());
		validate(principal, p.entity(), p.target(), null);
		return p;
	}

	/** A create up to its PreOperation handlers: coerced, defaulted, owned, Validate handlers run, validated, allowed. */
	private Prepared prepareUntilPreOperation(Principal principal, EntityRecord input) {
		EntityDefinition entity = metadata.entity(input.entity());
		EntityRecord target = coerce(entity, input, true);
		access.checkFields(principal, entity, target.values().keySet(), true);
		UUID id = input.id() != null ? input.id() : UUID.randomUUID();
		target.id(id);
		target.set(entity.primaryIdAttribute(), id);
		for (AttributeDefinition a : entity.attributes()) {
			if (!target.has(a.logicalName()) && a.defaultValue() != null) {
				target.set(a.logicalName(), AttributeValues.coerce(a, a.defaultValue()));
			}
		}
		setOwnerAndState(entity, target, principal);
		PipelineContext context = new PipelineContext(Message.Create, entity, principal, target, null, null, null, depth.get());
		handlers.run(Stage.Validate, context);
		validate(principal, entity, target, null);
		access.checkOwner(entity, (RecordRef) target.get("ownerid"));
		access.check(principal, Privilege.Create, entity, target);
		return new Prepared(entity, target, context);
	}

	/** Writes the prepared rows with one JDBC batch per table and column shape. */
	private void insertAll(Principal principal, List<Prepared> prepared) {
		OffsetDateTime now = now();
		RecordRef by = new RecordRef("systemuser", principal.userId());
		// Records with the same table and attributes (in the same order) share one statement; its column fields are
		// made once per shape, not once per record.
		Map<List<Object>, List<Integer>> shapes = new LinkedHashMap<>();
		for (int i = 0; i < prepared.size(); i++) {
			Prepared p = prepared.get(i);
			p.target().set("createdon", now).set("modifiedon", now).set("createdby", by).set("modifiedby", by)
				.set("versionnumber", 1L);
			List<Object> shape = new ArrayList<>(p.target().values().size() + 1);
			shape.add(p.entity().table());
			shape.addAll(p.target().values().keySet());
			shapes.computeIfAbsent(shape, k -> new ArrayList<>()).add(i);
		}
		boolean keyed = prepared.stream().anyMatch(p -> keyValuesGiven(p.entity(), p.target()));
		try {
			atSavepointIf(keyed, () -> {
				for (List<Integer> indexes : shapes.values()) {
					Prepared first = prepared.get(indexes.get(0));
					List<Field<?>> fields = new ArrayList<>(columns(first.entity(), first.target()).keySet());
					List<Object[]> values = new ArrayList<>(indexes.size());
					for (int i : indexes) {
						values.add(columnValues(prepared.get(i).entity(), prepared.get(i).target(), fields.size()));
					}
					io.rapport.data.JdbcBatch.insert(dsl, table(name(first.entity().table())), fields, values);
				}
				return null;
			});
		} catch (IntegrityConstraintViolationException | DataIntegrityViolationException e) {
			throw batchIntegrityProblem(prepared);
		}
	}

	/** Which record of a failed batch insert broke a key: against the stored rows, then among the batch itself. */
	private RapportException batchIntegrityProblem(List<Prepared> prepared) {
		Map<List<Object>, Integer> seen = new java.util.HashMap<>();
		for (int i = 0; i < prepared.size(); i++) {
			Prepared p = prepared.get(i);
			List<AttributeError> errors = new ArrayList<>();
			checkKeys(p.entity(), p.target(), null, errors);
			if (!errors.isEmpty()) {
				return atIndex(i, new RapportException(409, "DuplicateKey",
						errors.get(0).attribute() + ": " + errors.get(0).message(), errors));
			}
			for (AlternateKeyDefinition key : p.entity().keys()) {
				List<Object> values = new ArrayList<>(List.of(p.entity().logicalName(), key.name()));
				key.attributes().forEach(a -> values.add(p.target().get(a)));
				if (values.stream().allMatch(Objects::nonNull)) {
					Integer earlier = seen.putIfAbsent(values, i);
					if (earlier != null) {
						return atIndex(i, new RapportException(409, "DuplicateKey", "has the same key " + key.name() + " = "
								+ values.subList(2, values.size()) + " as the record at index " + earlier));
					}
				}
			}
		}
		return new RapportException(409, "IntegrityViolation",
				"A record conflicts with another record or refers to one that no longer exists; nothing was written.");
	}

	private static <T> T atIndex(int index, java.util.function.Supplier<T> work) {
		try {
			return work.get();
		} catch (RapportException e) {
			throw atIndex(index, e);
		}
	}

	/** Runs set-based handlers over the prepared records, naming the index of a record one of them refuses. */
	private static void atIndexOf(List<Prepared> prepared, Runnable work) {
		try {
			work.run();
		} catch (io.rapport.data.RecordFailed e) {
			for (int i = 0; i < prepared.size(); i++) {
				if (prepared.get(i).context() == e.context()) {
					throw atIndex(i, e.failure());
				}
			}
			throw e.failure();
		}
	}

	private static RapportException atIndex(int index, RapportException e) {
		return new RapportException(e.status(), e.code(), "Targets[" + index + "]: " + e.getMessage(), e.errors());
	}

	private void setOwnerAndState(EntityDefinition entity, EntityRecord target, Principal principal) {
		if (!target.has("ownerid") || target.get("ownerid") == null) {
			target.set("ownerid", new RecordRef("systemuser", principal.userId()));
		}
		target.set("owningbusinessunit", new RecordRef("businessunit", owningBusinessUnit((RecordRef) target.get("ownerid"), principal)));
		AttributeDefinition state = entity.requireAttribute("statecode");
		if (target.get("statecode") == null) {
			target.set("statecode", state.options().get(0).value());
		}
		if (target.get("statuscode") == null) {
			target.set("statuscode", defaultStatus(entity, (Integer) target.get("statecode")));
		}
	}

	private UUID owningBusinessUnit(RecordRef owner, Principal principal) {
		if (owner.entity().equals("systemuser") && owner.id().equals(principal.userId()) && !principal.isSystem()) {
			return principal.businessUnitId();
		}
		if (!owner.entity().equals("systemuser") && !owner.entity().equals("team")) {
			throw RapportException.invalid("ownerid", "an owner is a user or a team, not " + owner.entity());
		}
		return queries.retrieve(Principal.systemPrincipal(), owner.entity(), owner.id(), List.of("businessunitid"))
			.map(r -> ((RecordRef) r.get("businessunitid")).id())
			.orElseThrow(() -> RapportException.invalid("ownerid", "the owner " + owner + " does not exist"));
	}

	private void insert(EntityDefinition entity, EntityRecord target, Principal principal) {
		OffsetDateTime now = now();
		target.set("createdon", now).set("modifiedon", now);
		target.set("createdby", new RecordRef("systemuser", principal.userId()));
		target.set("modifiedby", new RecordRef("systemuser", principal.userId()));
		target.set("versionnumber", 1L);
		Map<Field<?>, Object> values = columns(entity, target);
		try {
			atSavepointIf(keyValuesGiven(entity, target), () -> dsl.insertInto(table(name(entity.table()))).set(values).execute());
		} catch (IntegrityConstraintViolationException | DataIntegrityViolationException e) {
			throw integrityProblem(entity, target);
		}
	}

	// ---------------------------------------------------------------- retrieve

	@Override
	public EntityRecord retrieve(Principal principal, String entity, UUID id, String... columns) {
		return queries.retrieve(principal, entity, id, List.of(columns))
			.orElseThrow(() -> RapportException.notFound(entity, id));
	}

	// ---------------------------------------------------------------- update

	@Override
	public void update(Principal principal, EntityRecord input) {
		inTransaction(() -> {
			EntityDefinition entity = metadata.entity(input.entity());
			if (input.id() == null) {
				throw RapportException.invalid(entity.primaryIdAttribute(), "an update needs the id of the record");
			}
			EntityRecord current = current(principal, entity, input.id());
			long expected = expectedVersion(entity, input);
			if (expected >= 0 && expected != current.version()) {
				throw stale(entity, input.id());
			}
			EntityRecord target = coerce(entity, input, false);
			target.id(input.id());
			access.checkFields(principal, entity, changed(target, current), false);
			if (target.has("ownerid") || target.has("statecode") || target.has("statuscode")) {
				for (String reserved : List.of("ownerid", "statecode", "statuscode")) {
					if (target.has(reserved) && !Objects.equals(target.get(reserved), current.get(reserved))) {
						throw RapportException.invalid(reserved, reserved.equals("ownerid")
								? "is changed by assigning the record, not by an update"
								: "is changed with SetState, not by an update");
					}
					target.remove(reserved);
				}
			}
			write(Message.Update, principal, entity, current, target);
			return null;
		});
	}

	private void write(Message message, Principal principal, EntityDefinition entity, EntityRecord current,
			EntityRecord target) {
		access.check(principal, Privilege.Write, entity, current);
		PipelineContext context = new PipelineContext(message, entity, principal, target, current, null, null, depth.get());
		handlers.run(Stage.Validate, context);
		validate(principal, entity, target, current);
		handlers.run(Stage.PreOperation, context);
		validate(principal, entity, target, current);
		Set<String> changed = changed(target, current);
		if (!changed.isEmpty()) {
			OffsetDateTime now = now();
			EntityRecord values = new EntityRecord(entity.logicalName(), current.id());
			changed.forEach(a -> values.set(a, target.get(a)));
			values.set("modifiedon", now).set("modifiedby", new RecordRef("systemuser", principal.userId()));
			values.set("versionnumber", current.version() + 1);
			Map<Field<?>, Object> columns = columns(entity, values);
			int rows;
			try {
				rows = atSavepointIf(keyValuesGiven(entity, merged(target, current)), () -> dsl.update(table(name(entity.table())))
					.set(columns)
					.where(idField(entity).eq(current.id()))
					.and(field(name("versionnumber"), Long.class).eq(current.version()))
					.execute());
			} catch (IntegrityConstraintViolationException | DataIntegrityViolationException e) {
				throw integrityProblem(entity, merged(target, current));
			}
			if (rows != 1) {
				throw stale(entity, current.id());
			}
			target.set("modifiedon", now).set("versionnumber", current.version() + 1);
		}
		handlers.run(Stage.PostOperation, context);
		if (!changed.isEmpty()) {
			publish(message, current.ref(), changed, principal);
		}
	}

	private static Set<String> changed(EntityRecord target, EntityRecord current) {
		Set<String> changed = new LinkedHashSet<>();
		for (Map.Entry<String, Object> e : target.values().entrySet()) {
			if (!sameValue(e.getValue(), current.get(e.getKey()))) {
				changed.add(e.getKey());
			}
		}
		changed.removeAll(SYSTEM_SET);
		return changed;
	}

	static boolean sameValue(Object a, Object b) {
		if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
			return x.compareTo(y) == 0;
		}
		if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
			return x.isEqual(y);
		}
		return Objects.equals(a, b);
	}

	/** The version the caller read, in whatever form it came (JSON text or any number), or -1 when not given. */
	private static long expectedVersion(EntityDefinition entity, EntityRecord input) {
		Object given = input.get("versionnumber");
		return given == null ? -1 : (Long) AttributeValues.coerce(entity.requireAttribute("versionnumber"), given);
	}

	private static RapportException stale(EntityDefinition entity, UUID id) {
		return new RapportException(409, "ConcurrencyVersionMismatch", "The " + entity.displayName().toLowerCase() + " "
				+ id + " was changed by someone else since it was read; reload it and apply your change again.");
	}

	// ---------------------------------------------------------------- assign

	@Override
	public void assign(Principal principal, RecordRef ref, RecordRef owner) {
		inTransaction(() -> {
			EntityDefinition entity = metadata.entity(ref.entity());
			if (entity.ownership() != io.rapport.metadata.Ownership.UserOwned) {
				throw new RapportException(400, "NotAssignable", entity.displayCollectionName() + " are owned by the organization and cannot be assigned.");
			}
			if (owner == null) {
				throw RapportException.invalid("ownerid", "name the new owner");
			}
			EntityRecord current = current(principal, entity, ref.id());
			access.check(principal, Privilege.Assign, entity, current);
			access.checkOwner(entity, owner);
			RecordRef previousOwner = (RecordRef) current.get("ownerid");
			EntityRecord target = new EntityRecord(entity.logicalName(), ref.id()).set("ownerid", owner)
				.set("owningbusinessunit", new RecordRef("businessunit", owningBusinessUnit(owner, principal)));
			writeOwner(principal, entity, current, target);
			cascadeAssign(entity, current.id(), previousOwner, owner);
			return null;
		});
	}

	/** Writes an owner change like an update, bypassing the Write check: Assign was checked instead. */
	private void writeOwner(Principal principal, EntityDefinition entity, EntityRecord current, EntityRecord target) {
		PipelineContext context = new PipelineContext(Message.Assign, entity, principal, target, current, null, null, depth.get());
		handlers.run(Stage.Validate, context);
		handlers.run(Stage.PreOperation, context);
		OffsetDateTime now = now();
		EntityRecord values = new EntityRecord(entity.logicalName(), current.id());
		values.set("ownerid", target.get("ownerid")).set("owningbusinessunit", target.get("owningbusinessunit"));
		values.set("modifiedon", now).set("modifiedby", new RecordRef("systemuser", principal.userId()));
		values.set("versionnumber", current.version() + 1);
		int rows = dsl.update(table(name(entity.table())))
			.set(columns(entity, values))
			.where(idField(entity).eq(current.id()))
			.and(field(name("versionnumber"), Long.class).eq(current.version()))
			.execute();
		if (rows != 1) {
			throw stale(entity, current.id());
		}
		handlers.run(Stage.PostOperation, context);
		publish(Message.Assign, current.ref(), Set.of("ownerid", "owningbusinessunit"), principal);
	}

	/** Related records follow their parent to the new owner as each relationship's assign cascade says. */
	private void cascadeAssign(EntityDefinition entity, UUID id, RecordRef previousOwner, RecordRef owner) {
		for (RelationshipDefinition r : metadata.oneToManyFrom(entity.logicalName())) {
			CascadeType type = r.cascade().assign();
			EntityDefinition child = metadata.entity(r.referencingEntity());
			if (type == CascadeType.NoCascade || type == CascadeType.RemoveLink || type == CascadeType.Restrict
					|| child.ownership() != io.rapport.metadata.Ownership.UserOwned) {
				continue;
			}
			Condition c = childCondition(r, new RecordRef(entity.logicalName(), id));
			if (type == CascadeType.Active) {
				c = c.and(field(name("statecode"), Integer.class).eq(0));
			}
			if (type == CascadeType.UserOwned && previousOwner != null) {
				c = c.and(field(name("ownerid"), UUID.class).eq(previousOwner.id()));
			}
			List<UUID> ids = dsl.select(idField(child)).from(table(name(child.table()))).where(c).fetch(0, UUID.class);
			for (UUID childId : ids) {
				if (!(child == entity && childId.equals(id))) {
					nested(() -> assign(Principal.systemPrincipal(), new RecordRef(child.logicalName(), childId), owner));
				}
			}
		}
	}

	// ---------------------------------------------------------------- set state

	@Override
	public void setState(Principal principal, RecordRef ref, int state, Integer status) {
		inTransaction(() -> {
			EntityDefinition entity = metadata.entity(ref.entity());
			EntityRecord current = current(principal, entity, ref.id());
			AttributeDefinition stateAttr = entity.requireAttribute("statecode");
			if (stateAttr.option(state).isEmpty()) {
				throw RapportException.invalid("statecode", state + " is not a state of " + entity.logicalName());
			}
			int newStatus = status == null ? defaultStatus(entity, state) : status;
			OptionDefinition statusOption = entity.requireAttribute("statuscode").option(newStatus)
				.orElseThrow(() -> RapportException.invalid("statuscode", newStatus + " is not a status of " + entity.logicalName()));
			if (statusOption.state() != null && statusOption.state() != state) {
				throw RapportException.invalid("statuscode", newStatus + " is not a status of the state " + state);
			}
			EntityRecord target = new EntityRecord(entity.logicalName(), ref.id()).set("statecode", state)
				.set("statuscode", newStatus);
			write(Message.SetState, principal, entity, current, target);
			return null;
		});
	}

	// ---------------------------------------------------------------- merge

	@Override
	public void merge(Principal principal, EntityRecord input) {
		inTransaction(() -> {
			EntityDefinition entity = metadata.entity(input.entity());
			if (input.id() == null) {
				throw RapportException.invalid(entity.primaryIdAttribute(), "a merge names the record it writes");
			}
			if (input.has("ownerid")) {
				throw RapportException.invalid("ownerid", "is changed by assigning the record, not by a merge");
			}
			EntityRecord current = current(principal, entity, input.id());
			EntityRecord target = coerce(entity, input, false);
			target.id(input.id());
			access.checkFields(principal, entity, changed(target, current), false);
			write(Message.Merge, principal, entity, current, target);
			return null;
		});
	}

	private static int defaultStatus(EntityDefinition entity, int state) {
		return entity.requireAttribute("statecode").option(state).map(OptionDefinition::defaultStatus)
			.orElseThrow(() -> RapportException.invalid("statecode", state + " is not a state of " + entity.logicalName()));
	}

	// ---------------------------------------------------------------- delete

	@Override
	public void delete(Principal principal, RecordRef ref) {
		delete(principal, ref, -1);
	}

	@Override
	public void delete(Principal principal, RecordRef ref, long expectedVersion) {
		inTransaction(() -> {
			EntityDefinition entity = metadata.entity(ref.entity());
			EntityRecord current = current(principal, entity, ref.id());
			if (expectedVersion >= 0 && expectedVersion != current.version()) {
				throw stale(entity, ref.id());
			}
			access.check(principal, Privilege.Delete, entity, current);
			PipelineContext context = new PipelineContext(Message.Delete, entity, principal, null, current, null, null,
					depth.get());
			handlers.run(Stage.Validate, context);
			handlers.run(Stage.PreOperation, context);
			// Locked while still at the version read: the cascades below may change the row itself (a contact of this
			// account that is also its primary contact clears primarycontactid), so the delete cannot check the version.
			boolean unchanged = dsl.select(idField(entity))
				.from(table(name(entity.table())))
				.where(idField(entity).eq(ref.id()))
				.and(field(name("versionnumber"), Long.class).eq(current.version()))
				.forUpdate()
				.fetchOptional()
				.isPresent();
			if (!unchanged) {
				throw stale(entity, ref.id());
			}
			cascadeDelete(principal, entity, current);
			int rows = dsl.deleteFrom(table(name(entity.table()))).where(idField(entity).eq(ref.id())).execute();
			if (rows != 1) {
				throw stale(entity, ref.id());
			}
			handlers.run(Stage.PostOperation, context);
			publish(Message.Delete, ref, Set.of(), principal);
			return null;
		});
	}

	/** Applies the delete cascade of every 1:N relationship in which the record is the parent. Restrict is checked first. */
	private void cascadeDelete(Principal principal, EntityDefinition entity, EntityRecord current) {
		List<RelationshipDefinition> children = metadata.oneToManyFrom(entity.logicalName());
		for (RelationshipDefinition r : children) {
			if (r.cascade().delete() == CascadeType.Restrict && hasChildren(r, current.ref())) {
				EntityDefinition child = metadata.entity(r.referencingEntity());
				throw RapportException.conflict("DeleteRestricted", "The " + entity.displayName().toLowerCase()
						+ " cannot be deleted while " + child.displayCollectionName().toLowerCase()
						+ " refer to it (relationship " + r.schemaName() + "). Remove or reassign them first.");
			}
		}
		for (RelationshipDefinition r : children) {
			EntityDefinition child = metadata.entity(r.referencingEntity());
			if (r.cascade().delete() == CascadeType.RemoveLink) {
				AttributeDefinition lookup = child.requireAttribute(r.referencingAttribute());
				var update = dsl.update(table(name(child.table())))
					.set(field(name(lookup.logicalName()), java.util.UUID.class), (UUID) null);
				if (lookup.polymorphic()) {
					update = update.set(field(name(lookup.typeColumn()), String.class), (String) null);
				}
				update.set(field(name("modifiedon"), OffsetDateTime.class), now())
					.set(field(name("modifiedby"), UUID.class), principal.userId())
					.set(field(name("versionnumber"), Long.class), field(name("versionnumber"), Long.class).plus(1))
					.where(childCondition(r, current.ref()))
					.execute();
			} else if (r.cascade().delete() == CascadeType.Cascade) {
				List<UUID> ids = dsl.select(idField(child))
					.from(table(name(child.table())))
					.where(childCondition(r, current.ref()))
					.fetch(0, UUID.class);
				for (UUID childId : ids) {
					if (!(child == entity && childId.equals(current.id()))) {
						nested(() -> delete(Principal.systemPrincipal(), new RecordRef(child.logicalName(), childId)));
					}
				}
			}
		}
	}

	private boolean hasChildren(RelationshipDefinition r, RecordRef parent) {
		EntityDefinition child = metadata.entity(r.referencingEntity());
		return dsl.fetchExists(dsl.selectOne().from(table(name(child.table()))).where(childCondition(r, parent)));
	}

	private Condition childCondition(RelationshipDefinition r, RecordRef parent) {
		EntityDefinition child = metadata.entity(r.referencingEntity());
		AttributeDefinition lookup = child.requireAttribute(r.referencingAttribute());
		Condition c = field(name(lookup.logicalName()), UUID.class).eq(parent.id());
		if (lookup.polymorphic()) {
			c = c.and(field(name(lookup.typeColumn()), String.class).eq(parent.entity()));
		}
		return c;
	}

	// ---------------------------------------------------------------- associate

	@Override
	public void associate(Principal principal, RecordRef record, String relationshipName, List<RecordRef> related) {
		relate(principal, record, relationshipName, related, true);
	}

	@Override
	public void disassociate(Principal principal, RecordRef record, String relationshipName, List<RecordRef> related) {
		relate(principal, record, relationshipName, related, false);
	}

	private void relate(Principal principal, RecordRef record, String relationshipName, List<RecordRef> related,
			boolean associate) {
		inTransaction(() -> {
			RelationshipDefinition r = metadata.relationship(relationshipName)
				.orElseThrow(() -> new RapportException(400, "UnknownRelationship",
						"There is no relationship named '" + relationshipName + "'."));
			Message message = associate ? Message.Associate : Message.Disassociate;
			EntityDefinition entity = metadata.entity(record.entity());
			EntityRecord current = current(principal, entity, record.id());
			if (r.isOneToMany()) {
				RecordRef parent;
				List<RecordRef> children;
				if (r.referencedEntity().equals(record.entity())) {
					parent = record;
					children = related;
				} else if (r.referencingEntity().equals(record.entity()) && related.size() == 1) {
					parent = related.get(0);
					children = List.of(record);
				} else {
					throw new RapportException(400, "InvalidRelationship", "The relationship " + r.schemaName()
							+ " does not connect " + record.entity() + " with those records.");
				}
				for (RecordRef child : children) {
					if (!child.entity().equals(r.referencingEntity())) {
						throw new RapportException(400, "InvalidRelationship",
								r.schemaName() + " relates " + r.referencingEntity() + " records, not " + child.entity());
					}
					EntityDefinition childEntity = metadata.entity(child.entity());
					EntityRecord childCurrent = current(principal, childEntity, child.id());
					Object value = associate ? parent : null;
					if (!associate && !Objects.equals(childCurrent.get(r.referencingAttribute()), parent)) {
						continue;
					}
					EntityRecord target = new EntityRecord(child.entity(), child.id()).set(r.referencingAttribute(), value);
					write(message, principal, childEntity, childCurrent, target);
				}
				return null;
			}
			manyToMany(principal, r, entity, current, related, associate);
			return null;
		});
	}

	private void manyToMany(Principal principal, RelationshipDefinition r, EntityDefinition entity, EntityRecord current,
			List<RecordRef> related, boolean associate) {
		boolean first = entity.logicalName().equals(r.entity1());
		if (!first && !entity.logicalName().equals(r.entity2())) {
			throw new RapportException(400, "InvalidRelationship",
					"The relationship " + r.schemaName() + " does not involve " + entity.logicalName());
		}
		EntityDefinition one = metadata.entity(r.entity1());
		EntityDefinition two = metadata.entity(r.entity2());
		boolean self = one == two;
		EntityDefinition other = first ? two : one;
		Field<UUID> c1 = field(name(io.rapport.metadata.RelationshipDefinition.intersectColumn(one, true, self)), UUID.class);
		Field<UUID> c2 = field(name(io.rapport.metadata.RelationshipDefinition.intersectColumn(two, false, self)), UUID.class);
		access.check(principal, Privilege.Append, entity, current);
		PipelineContext context = new PipelineContext(associate ? Message.Associate : Message.Disassociate, entity,
				principal, null, current, r.schemaName(), related, depth.get());
		handlers.run(Stage.Validate, context);
		handlers.run(Stage.PreOperation, context);
		Table<?> t = table(name(r.intersectEntity()));
		for (RecordRef ref : related) {
			if (!ref.entity().equals(other.logicalName())) {
				throw new RapportException(400, "InvalidRelationship",
						r.schemaName() + " relates " + other.logicalName() + " records, not " + ref.entity());
			}
			EntityRecord otherRecord = current(principal, other, ref.id());
			access.check(principal, Privilege.AppendTo, other, otherRecord);
			access.checkRelate(principal, r.schemaName(), current.ref(), ref);
			UUID v1 = first ? current.id() : ref.id();
			UUID v2 = first ? ref.id() : current.id();
			boolean exists = dsl.fetchExists(dsl.selectOne().from(t).where(c1.eq(v1)).and(c2.eq(v2)));
			if (associate && !exists) {
				dsl.insertInto(t)
					.set(field(name(r.intersectEntity() + "id"), UUID.class), UUID.randomUUID())
					.set(c1, v1)
					.set(c2, v2)
					.set(field(name("createdon"), OffsetDateTime.class), now())
					.execute();
			} else if (!associate && exists) {
				dsl.deleteFrom(t).where(c1.eq(v1)).and(c2.eq(v2)).execute();
			}
		}
		handlers.run(Stage.PostOperation, context);
		access.changed(r.intersectEntity());
		publish(context.message(), current.ref(), Set.of(r.schemaName()), principal);
	}

	// ---------------------------------------------------------------- validation

	/** Converts the caller's values to typed values; refuses unknown and system-managed attributes. */
	private EntityRecord coerce(EntityDefinition entity, EntityRecord input, boolean create) {
		EntityRecord target = new EntityRecord(entity.logicalName(), input.id());
		List<AttributeError> errors = new ArrayList<>();
		for (Map.Entry<String, Object> e : input.values().entrySet()) {
			String name = e.getKey();
			if (name.equals("versionnumber") || name.equals(entity.primaryIdAttribute())) {
				continue;
			}
			var attribute = entity.attribute(name);
			if (attribute.isEmpty()) {
				errors.add(new AttributeError(name, "is not an attribute of " + entity.logicalName()));
				continue;
			}
			if (SYSTEM_SET.contains(name)) {
				errors.add(new AttributeError(name, "is set by the system"));
				continue;
			}
			try {
				target.set(name, AttributeValues.coerce(attribute.get(), e.getValue()));
			} catch (RapportException ex) {
				errors.addAll(ex.errors());
			}
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
		return target;
	}

	/** Checks the values a write leaves the record with, against metadata. Collects every failure. */
	private void validate(Principal principal, EntityDefinition entity, EntityRecord target, EntityRecord current) {
		List<AttributeError> errors = new ArrayList<>();
		for (AttributeDefinition a : entity.attributes()) {
			boolean given = target.has(a.logicalName());
			Object value = given ? target.get(a.logicalName()) : current == null ? null : current.get(a.logicalName());
			if (a.requiredLevel().required() && !a.system() && value == null
					&& (current == null || given)) {
				errors.add(new AttributeError(a.logicalName(), "is required"));
				continue;
			}
			if (a.requiredLevel().required() && value instanceof String s && s.isBlank() && (current == null || given)) {
				errors.add(new AttributeError(a.logicalName(), "is required"));
				continue;
			}
			if (!given || value == null) {
				continue;
			}
			try {
				AttributeValues.check(a, value);
				if (a.type().isReference()) {
					checkReference(principal, entity, target, current, a, (RecordRef) value);
				}
			} catch (RapportException ex) {
				errors.addAll(ex.errors());
			}
		}
		if (target.has("statuscode") || target.has("statecode")) {
			Integer state = (Integer) (target.has("statecode") ? target.get("statecode") : current.get("statecode"));
			Integer status = (Integer) (target.has("statuscode") ? target.get("statuscode") : current.get("statuscode"));
			var stateOption = entity.requireAttribute("statecode").option(state == null ? -1 : state);
			var statusOption = entity.requireAttribute("statuscode").option(status == null ? -1 : status);
			if (stateOption.isEmpty()) {
				errors.add(new AttributeError("statecode", state + " is not a state of " + entity.logicalName()));
			} else if (statusOption.isEmpty() || !Objects.equals(statusOption.get().state(), state)) {
				errors.add(new AttributeError("statuscode", status + " is not a status of the state " + state));
			}
		}
		if (errors.isEmpty()) {
			checkHierarchy(entity, target, current, errors);
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
		List<AttributeError> duplicates = new ArrayList<>();
		checkKeys(entity, target, current, duplicates);
		if (!duplicates.isEmpty()) {
			throw new RapportException(409, "DuplicateKey", duplicates.get(0).attribute() + ": " + duplicates.get(0).message(),
					duplicates);
		}
	}

	/**
	 * A lookup must point at an existing record of an allowed entity; setting it needs Append on the record and
	 * Append To on the record it points at (Dataverse's rule). System lookups (owner, creator…) are the platform's.
	 */
	private void checkReference(Principal principal, EntityDefinition entity, EntityRecord target, EntityRecord current,
			AttributeDefinition a, RecordRef ref) {
		if (!a.targets().contains(ref.entity())) {
			throw RapportException.invalid(a.logicalName(), "refers to " + String.join(" or ", a.targets()) + ", not " + ref.entity());
		}
		if (a.system() && isPrincipalsOwn(principal, ref)) {
			return;
		}
		EntityDefinition referenced = metadata.entity(ref.entity());
		// A lookup the caller sets must point at a record they may read; one the platform sets or that stays as it was
		// only at an existing one. Either way one read, which also gives the owner that Append To is checked against.
		boolean callers = !a.system() && (current == null || !ref.equals(current.get(a.logicalName())));
		EntityRecord pointedAt = referenced(callers ? principal : Principal.systemPrincipal(), referenced.logicalName(),
				ref.id(), List.of("ownerid", "owningbusinessunit"))
			.orElseThrow(() -> RapportException.invalid(a.logicalName(),
					"the " + referenced.displayName().toLowerCase() + " " + ref.id() + " does not exist"));
		if (!callers) {
			return;
		}
		access.check(principal, Privilege.AppendTo, referenced, pointedAt);
		access.check(principal, Privilege.Append, entity, current != null ? current : target);
	}

	/**
	 * Runs {@code work} keeping the answers of {@link #referenced} until it ends (or its outermost caller's ends): a
	 * create validates its lookups twice (before and after the PreOperation handlers), and a bulk create's records
	 * mostly point at the same few (owner, business unit, parent account), which the create does not change.
	 */
	private <T> T withReferenceCache(java.util.function.Supplier<T> work) {
		boolean outermost = bulkReferences.get() == null;
		if (outermost) {
			bulkReferences.set(new java.util.HashMap<>());
		}
		try {
			return work.get();
		} finally {
			if (outermost) {
				bulkReferences.remove();
			}
		}
	}

	/** A record a lookup points at, as the principal may read it; kept while {@link #withReferenceCache} runs. */
	private java.util.Optional<EntityRecord> referenced(Principal principal, String entity, UUID id, List<String> columns) {
		Map<List<Object>, java.util.Optional<EntityRecord>> cache = bulkReferences.get();
		if (cache == null) {
			return queries.retrieve(principal, entity, id, columns);
		}
		return cache.computeIfAbsent(List.of(principal, entity, id, columns), k -> queries.retrieve(principal, entity, id, columns));
	}

	/**
	 * The acting user and their business unit, which the platform sets as a new record's owner and owning unit: they
	 * exist (the principal was signed in as that user, of that unit), so checking it would only cost two reads a create.
	 */
	private static boolean isPrincipalsOwn(Principal principal, RecordRef ref) {
		return ref.entity().equals("systemuser") && ref.id().equals(principal.userId())
				|| ref.entity().equals("businessunit") && ref.id().equals(principal.businessUnitId());
	}

	/** A record may not become its own ancestor: Under and the cascades walk the hierarchy and must reach its top. */
	private void checkHierarchy(EntityDefinition entity, EntityRecord target, EntityRecord current, List<AttributeError> errors) {
		if (current == null) {
			return;
		}
		RelationshipDefinition hierarchy = metadata.hierarchy(entity.logicalName()).orElse(null);
		if (hierarchy == null || !(target.get(hierarchy.referencingAttribute()) instanceof RecordRef parent)) {
			return;
		}
		Field<UUID> parentField = field(name(hierarchy.referencingAttribute()), UUID.class);
		Set<UUID> seen = new HashSet<>();
		for (UUID ancestor = parent.id(); ancestor != null && seen.add(ancestor);
				ancestor = dsl.select(parentField).from(table(name(entity.table()))).where(idField(entity).eq(ancestor))
					.fetchOne(parentField)) {
			if (ancestor.equals(current.id())) {
				errors.add(new AttributeError(hierarchy.referencingAttribute(), "the " + entity.displayName().toLowerCase()
						+ " " + parent.id() + " is this record or below it, so the hierarchy would loop"));
				return;
			}
		}
	}

	private void checkKeys(EntityDefinition entity, EntityRecord target, EntityRecord current, List<AttributeError> errors) {
		for (AlternateKeyDefinition key : entity.keys()) {
			if (key.attributes().stream().noneMatch(target::has)) {
				continue;
			}
			Map<String, Object> values = new LinkedHashMap<>();
			for (String attr : key.attributes()) {
				values.put(attr, target.has(attr) ? target.get(attr) : current == null ? null : current.get(attr));
			}
			if (values.values().stream().anyMatch(Objects::isNull)) {
				continue;
			}
			Condition c = org.jooq.impl.DSL.noCondition();
			for (Map.Entry<String, Object> e : values.entrySet()) {
				AttributeDefinition a = entity.requireAttribute(e.getKey());
				c = c.and(field(name(a.logicalName()), Object.class).eq(AttributeValues.toColumn(a, e.getValue())));
			}
			if (current != null) {
				c = c.and(idField(entity).ne(current.id()));
			}
			if (dsl.fetchExists(dsl.selectOne().from(table(name(entity.table()))).where(c))) {
				for (String attr : key.attributes()) {
					errors.add(new AttributeError(attr, "another " + entity.displayName().toLowerCase()
							+ " already has the key " + key.name() + " = " + values.values()));
				}
			}
		}
	}

	/** Whether the values fill every attribute of some alternate key: then {@link #integrityProblem} has to query. */
	private static boolean keyValuesGiven(EntityDefinition entity, EntityRecord values) {
		return entity.keys().stream().anyMatch(k -> k.attributes().stream().allMatch(a -> values.get(a) != null));
	}

	private <T> T atSavepointIf(boolean needed, java.util.function.Supplier<T> write) {
		return needed ? savepoint.execute(s -> write.get()) : write.get();
	}

	private RapportException integrityProblem(EntityDefinition entity, EntityRecord values) {
		List<AttributeError> errors = new ArrayList<>();
		checkKeys(entity, values, null, errors);
		if (!errors.isEmpty()) {
			return new RapportException(409, "DuplicateKey", errors.get(0).attribute() + ": " + errors.get(0).message(), errors);
		}
		return new RapportException(409, "IntegrityViolation",
				"The " + entity.displayName().toLowerCase() + " conflicts with another record or refers to one that no longer exists; reload and try again.");
	}

	private static EntityRecord merged(EntityRecord target, EntityRecord current) {
		EntityRecord m = current.copy();
		target.values().forEach(m::set);
		return m;
	}

	// ---------------------------------------------------------------- helpers

	private EntityRecord current(Principal principal, EntityDefinition entity, UUID id) {
		return queries.retrieve(principal, entity.logicalName(), id, List.of())
			.orElseThrow(() -> RapportException.notFound(entity.logicalName(), id));
	}

	private Map<Field<?>, Object> columns(EntityDefinition entity, EntityRecord values) {
		Map<Field<?>, Object> columns = new LinkedHashMap<>();
		for (Map.Entry<String, Object> e : values.values().entrySet()) {
			AttributeDefinition a = entity.requireAttribute(e.getKey());
			columns.put(field(name(a.logicalName()), ColumnTypes.of(a)), AttributeValues.toColumn(a, e.getValue()));
			if (a.polymorphic()) {
				columns.put(field(name(a.typeColumn()), ColumnTypes.typeColumn()),
						e.getValue() == null ? null : ((RecordRef) e.getValue()).entity());
			}
		}
		return columns;
	}

	/** The values {@link #columns} pairs with its fields, in the same order. */
	private static Object[] columnValues(EntityDefinition entity, EntityRecord values, int width) {
		Object[] row = new Object[width];
		int at = 0;
		for (Map.Entry<String, Object> e : values.values().entrySet()) {
			AttributeDefinition a = entity.requireAttribute(e.getKey());
			row[at++] = AttributeValues.toColumn(a, e.getValue());
			if (a.polymorphic()) {
				row[at++] = e.getValue() == null ? null : ((RecordRef) e.getValue()).entity();
			}
		}
		return row;
	}

	private static Field<UUID> idField(EntityDefinition entity) {
		return field(name(entity.primaryIdAttribute()), UUID.class);
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

	private void publish(Message message, RecordRef ref, Set<String> attributes, Principal principal) {
		access.changed(ref.entity());
		events.publishEvent(new RecordChanged(message, ref, new HashSet<>(attributes), principal.userId()));
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return tx.execute(status -> work.get());
	}

	private void nested(Runnable work) {
		int d = depth.get();
		if (d >= MAX_DEPTH) {
			throw RapportException.conflict("CascadeTooDeep", "The cascade goes deeper than " + MAX_DEPTH + " levels.");
		}
		depth.set(d + 1);
		try {
			work.run();
		} finally {
			depth.set(d);
		}
	}
}
