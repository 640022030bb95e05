package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.Ownership;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.security.AccessChanged;
import io.rapport.security.AccessRight;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;
import io.rapport.security.Sharing;

/** Shares stored as Dataverse's principalobjectaccess rows; cascades write inherited rights on related records. */
@Component
class RecordShares implements Sharing {

	private static final int MAX_CASCADE_DEPTH = 8;

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	private final Metadata metadata;
	private final RoleBasedAccess access;
	private final SecurityModel model;
	private final ApplicationEventPublisher events;

	RecordShares(DSLContext dsl, TransactionTemplate tx, Metadata metadata, RoleBasedAccess access, SecurityModel model,
			ApplicationEventPublisher events) {
		this.dsl = dsl;
		this.tx = tx;
		this.metadata = metadata;
		this.access = access;
		this.model = model;
		this.events = events;
	}

	@Override
	public void grant(Principal by, RecordRef record, RecordRef grantee, Set<AccessRight> rights) {
		change(by, record, grantee, rights, true);
	}

	@Override
	public void modify(Principal by, RecordRef record, RecordRef grantee, Set<AccessRight> rights) {
		change(by, record, grantee, rights, false);
	}

	private void change(Principal by, RecordRef ref, RecordRef grantee, Set<AccessRight> rights, boolean add) {
		if (rights == null || rights.isEmpty()) {
			throw RapportException.invalid("rights", "name at least one right to share");
		}
		tx.executeWithoutResult(s -> {
			EntityDefinition entity = shareable(ref);
			EntityRecord current = current(entity, ref.id());
			access.check(by, Privilege.Share, entity, current);
			for (AccessRight right : rights) {
				access.check(by, right.privilege(), entity, current);
			}
			checkGrantee(entity, grantee, rights);
			Set<AccessRight> before = AccessRight.of(mask(ref.id(), grantee.id(), "accessrightsmask"));
			Set<AccessRight> after = EnumSet.noneOf(AccessRight.class);
			after.addAll(rights);
			if (add) {
				after.addAll(before);
			}
			upsert(ref, grantee, AccessRight.mask(after), null);
			cascade(entity, ref.id(), grantee, after, 0);
			events.publishEvent(new AccessChanged(before.isEmpty() ? "GrantAccess" : "ModifyAccess", ref, grantee, before,
					after, by.userId()));
		});
	}

	@Override
	public void revoke(Principal by, RecordRef ref, RecordRef grantee) {
		tx.executeWithoutResult(s -> {
			EntityDefinition entity = shareable(ref);
			access.check(by, Privilege.Share, entity, current(entity, ref.id()));
			Set<AccessRight> before = AccessRight.of(mask(ref.id(), grantee.id(), "accessrightsmask"));
			dsl.deleteFrom(RoleBasedAccess.POA)
				.where(field(name("objectid"), UUID.class).eq(ref.id()))
				.and(field(name("principalid"), UUID.class).eq(grantee.id()))
				.execute();
			cascade(entity, ref.id(), grantee, Set.of(), 0);
			events.publishEvent(new AccessChanged("RevokeAccess", ref, grantee, before, Set.of(), by.userId()));
		});
	}

	@Override
	public void moveShares(Principal by, RecordRef from, RecordRef to) {
		tx.executeWithoutResult(s -> {
			EntityDefinition entity = shareable(from);
			if (!from.entity().equals(to.entity())) {
				throw RapportException.invalid("record", "shares move between records of one entity, not from "
						+ from.entity() + " to " + to.entity());
			}
			access.check(by, Privilege.Write, entity, current(entity, from.id()));
			access.check(by, Privilege.Write, entity, current(entity, to.id()));
			for (Record share : dsl.select(field(name("principalid"), UUID.class), field(name("principaltypecode"), String.class),
					field(name("accessrightsmask"), Integer.class))
				.from(RoleBasedAccess.POA)
				.where(field(name("objectid"), UUID.class).eq(from.id()))
				.and(field(name("accessrightsmask"), Integer.class).ne(0))
				.fetch()) {
				RecordRef grantee = new RecordRef(share.get(1, String.class), share.get(0, UUID.class));
				Set<AccessRight> moved = AccessRight.of(share.get(2, Integer.class));
				Set<AccessRight> before = AccessRight.of(mask(to.id(), grantee.id(), "accessrightsmask"));
				Set<AccessRight> after = EnumSet.noneOf(AccessRight.class);
				after.addAll(before);
				after.addAll(moved);
				upsert(to, grantee, AccessRight.mask(after), null);
				cascade(entity, to.id(), grantee, after, 0);
				upsert(from, grantee, 0, null);
				cascade(entity, from.id(), grantee, Set.of(), 0);
				events.publishEvent(new AccessChanged(before.isEmpty() ? "GrantAccess" : "ModifyAccess", to, grantee, before,
						after, by.userId()));
				events.publishEvent(new AccessChanged("RevokeAccess", from, grantee, moved, Set.of(), by.userId()));
			}
		});
	}

	@Override
	public List<Share> shares(Principal by, RecordRef ref) {
		EntityDefinition entity = shareable(ref);
		access.check(by, Privilege.Read, entity, current(entity, ref.id()));
		List<Share> shares = new ArrayList<>();
		for (Record r : dsl.select(field(name("principalid"), UUID.class), field(name("principaltypecode"), String.class),
				field(name("accessrightsmask"), Integer.class), field(name("inheritedaccessrightsmask"), Integer.class))
			.from(RoleBasedAccess.POA)
			.where(field(name("objectid"), UUID.class).eq(ref.id()))
			.orderBy(field(name("changedon")))
			.fetch()) {
			shares.add(new Share(new RecordRef(r.get(1, String.class), r.get(0, UUID.class)), AccessRight.of(r.get(2, Integer.class)),
					AccessRight.of(r.get(3, Integer.class))));
		}
		return shares;
	}

	@Override
	public Set<AccessRight> principalAccess(Principal by, RecordRef ref, RecordRef principal) {
		EntityDefinition entity = metadata.entity(ref.entity());
		EntityRecord current = current(entity, ref.id());
		access.check(by, Privilege.Read, entity, current);
		if (!principal.entity().equals("systemuser") && !principal.entity().equals("team")) {
			throw RapportException.invalid("principal", "is a user or a team, not " + principal.entity());
		}
		if (!dsl.fetchExists(dsl.selectOne().from(table(name(principal.entity())))
			.where(field(name(principal.entity() + "id"), UUID.class).eq(principal.id())))) {
			throw RapportException.notFound(principal.entity(), principal.id());
		}
		Set<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
		if (principal.entity().equals("team")) {
			rights.addAll(AccessRight.of(mask(ref.id(), principal.id(), "accessrightsmask")
					| mask(ref.id(), principal.id(), "inheritedaccessrightsmask")));
			return rights;
		}
		explain(model.user(principal.id()), entity, current, rights, new ArrayList<>());
		return rights;
	}

	@Override
	public Set<UUID> sharedWith(Principal principal, String entity) {
		EntityDefinition def = metadata.entity(entity);
		if (principal == null || principal.userId() == null || def.ownership() != Ownership.UserOwned) {
			return Set.of();
		}
		Set<UUID> grantees = new HashSet<>(principal.isSystem() ? Set.of() : model.user(principal.userId()).teamIds());
		grantees.add(principal.userId());
		return Set.copyOf(dsl.select(field(name("objectid"), UUID.class))
			.from(RoleBasedAccess.POA)
			.where(field(name("principalid"), UUID.class).in(grantees))
			.and(field(name("objecttypecode"), String.class).eq(def.logicalName()))
			.and(org.jooq.impl.DSL.bitAnd(org.jooq.impl.DSL.bitOr(field(name("accessrightsmask"), Integer.class),
					field(name("inheritedaccessrightsmask"), Integer.class)), AccessRight.Read.mask()).ne(0))
			.fetch(0, UUID.class));
	}

	@Override
	public List<Access> whoHasAccess(Principal by, RecordRef ref) {
		EntityDefinition entity = shareable(ref);
		EntityRecord current = current(entity, ref.id());
		access.check(by, Privilege.Read, entity, current);
		List<Access> result = new ArrayList<>();
		for (Record u : dsl.select(field(name("systemuserid"), UUID.class), field(name("fullname"), String.class))
			.from(table(name("systemuser")))
			.where(field(name("isdisabled"), Boolean.class).isFalse().or(field(name("isdisabled"), Boolean.class).isNull()))
			.and(field(name("systemuserid"), UUID.class).ne(Principal.SYSTEM_USER_ID))
			.orderBy(field(name("fullname")))
			.fetch()) {
			UserAccess user = model.user(u.get(0, UUID.class));
			Set<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
			List<String> reasons = new ArrayList<>();
			explain(user, entity, current, rights, reasons);
			if (!rights.isEmpty()) {
				result.add(new Access(user.userId(), u.get(1, String.class), rights, reasons));
			}
		}
		return result;
	}

	private void explain(UserAccess user, EntityDefinition entity, EntityRecord record, Set<AccessRight> rights,
			List<String> reasons) {
		RecordRef owner = (RecordRef) record.get("ownerid");
		RecordRef unit = (RecordRef) record.get("owningbusinessunit");
		if (user.administrator()) {
			rights.addAll(EnumSet.allOf(AccessRight.class));
			reasons.add("System Administrator role");
			return;
		}
		for (AccessRight right : AccessRight.values()) {
			Depth depth = user.depth(entity.logicalName(), right.privilege());
			if (depth != Depth.None && (entity.ownership() == Ownership.OrganizationOwned
					|| access.covers(user, depth, owner, unit))) {
				rights.add(right);
			}
		}
		if (!rights.isEmpty()) {
			if (owner != null && owner.id().equals(user.userId())) {
				reasons.add("owner");
			} else if (owner != null && user.teamIds().contains(owner.id())) {
				reasons.add("member of the owning team " + owner.id());
			} else {
				reasons.add("role depth " + user.depth(entity.logicalName(), Privilege.Read) + " over the owning business unit");
			}
		}
		for (Record share : dsl.select(field(name("principalid"), UUID.class), field(name("principaltypecode"), String.class),
				field(name("accessrightsmask"), Integer.class), field(name("inheritedaccessrightsmask"), Integer.class))
			.from(RoleBasedAccess.POA)
			.where(field(name("objectid"), UUID.class).eq(record.id()))
			.fetch()) {
			UUID principal = share.get(0, UUID.class);
			boolean direct = principal.equals(user.userId());
			if (!direct && !user.teamIds().contains(principal)) {
				continue;
			}
			Set<AccessRight> shared = AccessRight.of(share.get(2, Integer.class) | share.get(3, Integer.class));
			shared.removeIf(r -> user.depth(entity.logicalName(), r.privilege()) == Depth.None);
			if (!shared.isEmpty()) {
				rights.addAll(shared);
				reasons.add((direct ? "shared directly" : "shared with team " + principal) + ": " + shared
						+ (share.get(3, Integer.class) != 0 ? " (inherited through a cascade)" : ""));
			}
		}
	}

	/** Rights cascade to related child records as each 1:N relationship's share cascade says; empty rights unshare. */
	private void cascade(EntityDefinition entity, UUID id, RecordRef grantee, Set<AccessRight> rights, int depth) {
		if (depth >= MAX_CASCADE_DEPTH) {
			return;
		}
		for (RelationshipDefinition r : metadata.oneToManyFrom(entity.logicalName())) {
			CascadeType type = rights.isEmpty() ? r.cascade().unshare() : r.cascade().share();
			if (type == CascadeType.NoCascade || type == CascadeType.RemoveLink || type == CascadeType.Restrict) {
				continue;
			}
			EntityDefinition child = metadata.entity(r.referencingEntity());
			if (child.ownership() != Ownership.UserOwned) {
				continue;
			}
			AttributeDefinition lookup = child.requireAttribute(r.referencingAttribute());
			Condition c = field(name(lookup.logicalName()), UUID.class).eq(id);
			if (lookup.polymorphic()) {
				c = c.and(field(name(lookup.typeColumn()), String.class).eq(entity.logicalName()));
			}
			if (type == CascadeType.Active) {
				c = c.and(field(name("statecode"), Integer.class).eq(0));
			}
			for (UUID childId : dsl.select(field(name(child.primaryIdAttribute()), UUID.class))
				.from(table(name(child.table())))
				.where(c)
				.fetch(0, UUID.class)) {
				if (child == entity && childId.equals(id)) {
					continue;
				}
				upsert(new RecordRef(child.logicalName(), childId), grantee, null, AccessRight.mask(rights));
				cascade(child, childId, grantee, rights, depth + 1);
			}
		}
	}

	/** Sets the direct mask (when not null) or the inherited mask (when not null) of a share, creating it if needed. */
	private void upsert(RecordRef record, RecordRef grantee, Integer direct, Integer inherited) {
		Condition where = field(name("objectid"), UUID.class).eq(record.id()).and(field(name("principalid"), UUID.class).eq(grantee.id()));
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		var update = dsl.update(RoleBasedAccess.POA).set(field(name("changedon"), OffsetDateTime.class), now);
		if (direct != null) {
			update = update.set(field(name("accessrightsmask"), Integer.class), direct);
		}
		if (inherited != null) {
			update = update.set(field(name("inheritedaccessrightsmask"), Integer.class), inherited);
		}
		if (update.where(where).execute() == 0 && (nonZero(direct) || nonZero(inherited))) {
			dsl.insertInto(RoleBasedAccess.POA)
				.set(field(name("principalobjectaccessid"), UUID.class), UUID.randomUUID())
				.set(field(name("objectid"), UUID.class), record.id())
				.set(field(name("objecttypecode"), String.class), record.entity())
				.set(field(name("principalid"), UUID.class), grantee.id())
				.set(field(name("principaltypecode"), String.class), grantee.entity())
				.set(field(name("accessrightsmask"), Integer.class), direct == null ? 0 : direct)
				.set(field(name("inheritedaccessrightsmask"), Integer.class), inherited == null ? 0 : inherited)
				.set(field(name("changedon"), OffsetDateTime.class), now)
				.execute();
		}
		dsl.deleteFrom(RoleBasedAccess.POA)
			.where(where)
			.and(field(name("accessrightsmask"), Integer.class).eq(0))
			.and(field(name("inheritedaccessrightsmask"), Integer.class).eq(0))
			.execute();
	}

	private static boolean nonZero(Integer mask) {
		return mask != null && mask != 0;
	}

	private int mask(UUID record, UUID grantee, String column) {
		Integer m = dsl.select(field(name(column), Integer.class))
			.from(RoleBasedAccess.POA)
			.where(field(name("objectid"), UUID.class).eq(record))
			.and(field(name("principalid"), UUID.class).eq(grantee))
			.fetchOne(0, Integer.class);
		return m == null ? 0 : m;
	}

	private void checkGrantee(EntityDefinition entity, RecordRef grantee, Set<AccessRight> rights) {
		if (!grantee.entity().equals("systemuser") && !grantee.entity().equals("team")) {
			throw RapportException.invalid("principal", "a record is shared with a user or a team, not " + grantee.entity());
		}
		boolean exists = dsl.fetchExists(dsl.selectOne().from(table(name(grantee.entity())))
			.where(field(name(grantee.entity() + "id"), UUID.class).eq(grantee.id())));
		if (!exists) {
			throw RapportException.invalid("principal", "the " + grantee.entity() + " " + grantee.id() + " does not exist");
		}
		if (grantee.entity().equals("systemuser")) {
			UserAccess user = model.user(grantee.id());
			Set<AccessRight> beyond = new HashSet<>();
			for (AccessRight right : rights) {
				if (user.depth(entity.logicalName(), right.privilege()) == Depth.None) {
					beyond.add(right);
				}
			}
			if (!beyond.isEmpty()) {
				throw new RapportException(403, "ShareBeyondPrivileges", "The user's security roles do not allow "
						+ beyond + " on " + entity.displayCollectionName().toLowerCase() + ", so these rights cannot be shared with them.");
			}
		}
	}

	private EntityDefinition shareable(RecordRef ref) {
		EntityDefinition entity = metadata.entity(ref.entity());
		if (entity.ownership() != Ownership.UserOwned) {
			throw new RapportException(400, "NotShareable", entity.displayCollectionName() + " are owned by the organization and cannot be shared.");
		}
		return entity;
	}

	EntityRecord current(EntityDefinition entity, UUID id) {
		Record row = dsl.select(field(name("ownerid"), UUID.class), field(name("owneridtype"), String.class),
				field(name("owningbusinessunit"), UUID.class))
			.from(table(name(entity.table())))
			.where(field(name(entity.primaryIdAttribute()), UUID.class).eq(id))
			.fetchOne();
		if (row == null) {
			throw RapportException.notFound(entity.logicalName(), id);
		}
		EntityRecord record = new EntityRecord(entity.logicalName(), id);
		if (row.get(0) != null) {
			record.set("ownerid", new RecordRef(row.get(1, String.class) == null ? "systemuser" : row.get(1, String.class), row.get(0, UUID.class)));
		}
		if (row.get(2) != null) {
			record.set("owningbusinessunit", new RecordRef("businessunit", row.get(2, UUID.class)));
		}
		return record;
	}
}
