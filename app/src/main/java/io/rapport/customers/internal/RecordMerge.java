package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.MergeRequest;
import io.rapport.customers.Merges;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.Ownership;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.AccessControl;
import io.rapport.security.Privilege;
import io.rapport.security.Sharing;

/**
 * Dataverse's Merge, generic over metadata: related records follow every 1:N relationship whose merge cascade is
 * Cascade, and N:N memberships follow every N:N relationship of the entity, so relationships added later follow too.
 * Related records move as the platform (like every cascade), whoever can read them; the two merged records need the
 * caller's Write.
 */
@Component
class RecordMerge implements Merges {

	static final String MERGED = "merged";
	static final String MASTER = "masterid";

	/** What a merge never copies to the target: the platform's columns and the merge's own bookkeeping. */
	private static final Set<String> NOT_MERGED = Set.of(MERGED, MASTER, "statecode", "statuscode", "ownerid",
			"owningbusinessunit", "createdon", "createdby", "modifiedon", "modifiedby", "versionnumber");

	private static final int BATCH = 500;

	private final Records records;
	private final Queries queries;
	private final Metadata metadata;
	private final AccessControl access;
	private final Sharing sharing;
	private final TransactionTemplate tx;

	RecordMerge(Records records, Queries queries, Metadata metadata, AccessControl access, Sharing sharing,
			TransactionTemplate tx) {
		this.records = records;
		this.queries = queries;
		this.metadata = metadata;
		this.access = access;
		this.sharing = sharing;
		this.tx = tx;
	}

	@Override
	public void merge(Principal principal, MergeRequest request) {
		RecordRef target = request.target();
		RecordRef subordinate = request.subordinate();
		if (target == null) {
			throw RapportException.invalid("target", "name the record that remains");
		}
		if (subordinate == null) {
			throw RapportException.invalid("subordinate", "name the record that is merged into the target");
		}
		if (!target.entity().equals(subordinate.entity())) {
			throw new RapportException(400, "MergeEntitiesDiffer", "Only two records of one entity merge: the target is "
					+ article(target.entity()) + ", the subordinate " + article(subordinate.entity()) + ".",
					List.of(new RapportException.AttributeError("subordinate", "is not " + article(target.entity()))));
		}
		if (target.id().equals(subordinate.id())) {
			throw new RapportException(400, "MergeSameRecord", "A record cannot be merged into itself; name two different records.",
					List.of(new RapportException.AttributeError("subordinate", "is the target itself")));
		}
		EntityDefinition entity = metadata.entity(target.entity());
		if (entity.attribute(MERGED).isEmpty() || entity.attribute(MASTER).isEmpty()) {
			throw new RapportException(400, "NotMergeable", entity.displayCollectionName() + " cannot be merged.");
		}
		tx.executeWithoutResult(s -> {
			EntityRecord kept = readable(principal, target, "target");
			EntityRecord merged = readable(principal, subordinate, "subordinate");
			refuseMerged(entity, kept, "target");
			refuseMerged(entity, merged, "subordinate");
			access.check(principal, Privilege.Write, entity, kept);
			access.check(principal, Privilege.Write, entity, merged);
			refuseLoop(entity, target, subordinate);
			records.merge(principal, content(entity, kept, merged, request));
			moveRelated(entity, subordinate, target);
			moveMemberships(entity, subordinate, target);
			if (entity.ownership() == Ownership.UserOwned) {
				sharing.moveShares(principal, subordinate, target);
			}
			OptionDefinition inactive = inactiveState(entity);
			records.merge(principal, new EntityRecord(entity.logicalName(), subordinate.id())
				.set(MERGED, true)
				.set(MASTER, target)
				.set("statecode", inactive.value())
				.set("statuscode", inactive.defaultStatus()));
		});
	}

	private EntityRecord readable(Principal principal, RecordRef ref, String role) {
		return queries.retrieve(principal, ref.entity(), ref.id(), List.of())
			.orElseThrow(() -> new RapportException(404, "RecordNotFound", "The " + role + " " + ref.entity() + " " + ref.id()
					+ " does not exist or you have no access to it.", List.of(new RapportException.AttributeError(role, "not found"))));
	}

	private static void refuseMerged(EntityDefinition entity, EntityRecord record, String role) {
		if (Boolean.TRUE.equals(record.get(MERGED))) {
			RecordRef master = (RecordRef) record.get(MASTER);
			throw new RapportException(409, "AlreadyMerged", "The " + role + " " + entity.displayName().toLowerCase() + " "
					+ record.id() + " was already merged" + (master == null ? "" : " into " + master.id()) + "; merge "
					+ (master == null ? "another record." : "that one instead."),
					List.of(new RapportException.AttributeError(role, "was already merged")));
		}
	}

	/** Moving the subordinate's children under a target that is one of its descendants would make a loop. */
	private void refuseLoop(EntityDefinition entity, RecordRef target, RecordRef subordinate) {
		boolean moves = metadata.hierarchy(entity.logicalName()).map(r -> r.cascade().merge() == CascadeType.Cascade).orElse(false);
		String id = entity.primaryIdAttribute();
		if (moves && queries.count(Principal.systemPrincipal(), Query.of(entity.logicalName())
			.where(Criterion.where(id, Operator.Eq, target.id()))
			.where(Criterion.where(id, Operator.Under, subordinate.id()))) > 0) {
			throw new RapportException(409, "MergeWouldLoop", "The target is below the subordinate in the "
					+ entity.displayName().toLowerCase() + " hierarchy, so the subordinate's children cannot move under it. "
					+ "Merge the other way round, or change the target's parent first.",
					List.of(new RapportException.AttributeError("target", "is below the subordinate")));
		}
	}

	/** The target's new values: those given, and those taken from the subordinate. */
	private static EntityRecord content(EntityDefinition entity, EntityRecord kept, EntityRecord merged, MergeRequest request) {
		EntityRecord content = new EntityRecord(entity.logicalName(), kept.id());
		List<RapportException.AttributeError> errors = new ArrayList<>();
		for (Map.Entry<String, Object> e : request.values().entrySet()) {
			if (mergeable(entity, e.getKey(), errors)) {
				if (request.fromSubordinate().contains(e.getKey())) {
					errors.add(new RapportException.AttributeError(e.getKey(), "is given a value and taken from the subordinate; choose one"));
				}
				content.set(e.getKey(), e.getValue());
			}
		}
		for (String attribute : request.fromSubordinate()) {
			if (mergeable(entity, attribute, errors)) {
				if (!merged.has(attribute)) {
					errors.add(new RapportException.AttributeError(attribute, "is a secured field you may not read on the subordinate"));
				}
				content.set(attribute, merged.get(attribute));
			}
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
		return content;
	}

	private static boolean mergeable(EntityDefinition entity, String attribute, List<RapportException.AttributeError> errors) {
		AttributeDefinition a = entity.attribute(attribute).orElse(null);
		if (a == null) {
			errors.add(new RapportException.AttributeError(attribute, "is not an attribute of " + entity.logicalName()));
			return false;
		}
		if (a.system() || NOT_MERGED.contains(attribute) || attribute.equals(entity.primaryIdAttribute())) {
			errors.add(new RapportException.AttributeError(attribute, "is not set by a merge"));
			return false;
		}
		return true;
	}

	/** Children of the subordinate move to the target along every 1:N relationship whose merge cascade is Cascade. */
	private void moveRelated(EntityDefinition entity, RecordRef subordinate, RecordRef target) {
		Principal platform = Principal.systemPrincipal();
		for (RelationshipDefinition r : metadata.oneToManyFrom(entity.logicalName())) {
			if (r.cascade().merge() != CascadeType.Cascade) {
				continue;
			}
			EntityDefinition child = metadata.entity(r.referencingEntity());
			String lookup = r.referencingAttribute();
			Query children = Query.of(child.logicalName()).select(lookup)
				.where(Criterion.where(lookup, Operator.Eq, subordinate.id()))
				.page(BATCH);
			if (child == entity) {
				children = children.where(Criterion.where(child.primaryIdAttribute(), Operator.Ne, target.id()));
			}
			List<EntityRecord> page;
			while (!(page = pointingAt(platform, children, lookup, subordinate)).isEmpty()) {
				for (EntityRecord c : page) {
					records.update(platform, new EntityRecord(child.logicalName(), c.id()).set(lookup, target));
				}
			}
		}
	}

	/** A polymorphic lookup stores the id and the entity; only references to the subordinate itself move. */
	private List<EntityRecord> pointingAt(Principal platform, Query children, String lookup, RecordRef subordinate) {
		return queries.execute(platform, children).records().stream()
			.filter(c -> subordinate.equals(c.get(lookup)))
			.toList();
	}

	/** The subordinate's N:N memberships (marketing lists and the like) become the target's. */
	private void moveMemberships(EntityDefinition entity, RecordRef subordinate, RecordRef target) {
		Principal platform = Principal.systemPrincipal();
		for (RelationshipDefinition r : metadata.relationships()) {
			if (r.isOneToMany() || !(entity.logicalName().equals(r.entity1()) || entity.logicalName().equals(r.entity2()))) {
				continue;
			}
			List<RecordRef> members = queries.related(platform, subordinate, r.schemaName());
			if (members.isEmpty()) {
				continue;
			}
			Set<RecordRef> already = new HashSet<>(queries.related(platform, target, r.schemaName()));
			List<RecordRef> added = members.stream().filter(m -> !already.contains(m) && !m.equals(target)).toList();
			if (!added.isEmpty()) {
				records.associate(platform, target, r.schemaName(), added);
			}
			records.disassociate(platform, subordinate, r.schemaName(), members);
		}
	}

	/** Dataverse deactivates the subordinate: the first state other than the active one, with its default status. */
	private static OptionDefinition inactiveState(EntityDefinition entity) {
		return entity.requireAttribute("statecode").options().stream()
			.filter(o -> !Objects.equals(o.value(), 0))
			.findFirst()
			.orElseThrow(() -> new RapportException(400, "NotMergeable",
					entity.displayCollectionName() + " have no inactive state, so they cannot be merged."));
	}

	private static String article(String entity) {
		return ("aeiou".indexOf(entity.charAt(0)) >= 0 ? "an " : "a ") + entity;
	}
}
