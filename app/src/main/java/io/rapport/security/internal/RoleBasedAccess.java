package io.rapport.security.internal;

import static org.jooq.impl.DSL.bitAnd;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.Ownership;
import io.rapport.security.AccessControl;
import io.rapport.security.AccessRight;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;

/**
 * Dataverse's model: roles grant each privilege at a depth; records are owned by a user or team and carry the owning
 * business unit; shares add rights per record for users and teams, never beyond what the roles allow.
 */
@Component
class RoleBasedAccess implements AccessControl, io.rapport.metadata.CustomizationPolicy {

	static final Table<?> POA = table(name("principalobjectaccess"));

	private final SecurityModel model;
	private final DSLContext dsl;
	private final Metadata metadata;

	RoleBasedAccess(SecurityModel model, DSLContext dsl, Metadata metadata) {
		this.model = model;
		this.dsl = dsl;
		this.metadata = metadata;
	}

	@Override
	public List<Condition> readArms(Principal principal, EntityDefinition entity, Table<?> table) {
		if (principal == null || principal.userId() == null) {
			return List.of(falseCondition());
		}
		if (principal.isSystem()) {
			return List.of();
		}
		UserAccess user = model.user(principal.userId());
		if (user.disabled()) {
			return List.of(falseCondition());
		}
		Depth depth = user.depth(entity.logicalName(), Privilege.Read);
		if (depth == Depth.None) {
			return List.of(falseCondition());
		}
		if (entity.ownership() == Ownership.OrganizationOwned || depth == Depth.Organization) {
			return List.of();
		}
		Field<UUID> owner = field(name(table.getName(), "ownerid"), UUID.class);
		Field<UUID> unit = field(name(table.getName(), "owningbusinessunit"), UUID.class);
		Set<UUID> owners = owners(user);
		List<Condition> arms = new java.util.ArrayList<>();
		Set<UUID> coveredUnits = Set.of();
		if (depth == Depth.BusinessUnit) {
			coveredUnits = Set.of(user.businessUnitId());
			arms.add(unit.eq(user.businessUnitId()));
		} else if (depth == Depth.ParentChild) {
			coveredUnits = model.subtree(user.businessUnitId());
			arms.add(unit.in(coveredUnits));
		}
		// A record's owning business unit is its owner's (OwnedRecordsMoveWithOwner keeps it so), so owners whose unit
		// the business-unit arm already reads need no arm of their own: one ordered query fewer per list page.
		Set<UUID> uncovered = new HashSet<>();
		if (!coveredUnits.contains(user.businessUnitId())) {
			uncovered.add(user.userId());
		}
		for (UUID team : user.teamIds()) {
			if (!coveredUnits.contains(user.teamUnits().get(team))) {
				uncovered.add(team);
			}
		}
		if (!uncovered.isEmpty()) {
			arms.add(owner.in(uncovered));
		}
		Field<UUID> id = field(name(table.getName(), entity.primaryIdAttribute()), UUID.class);
		arms.add(id.in(org.jooq.impl.DSL.select(field(name("principalobjectaccess", "objectid"), UUID.class)).from(POA)
			.where(field(name("principalobjectaccess", "principalid"), UUID.class).in(owners))
			.and(field(name("principalobjectaccess", "objecttypecode"), String.class).eq(entity.logicalName()))
			.and(bitAnd(org.jooq.impl.DSL.bitOr(field(name("principalobjectaccess", "accessrightsmask"), Integer.class),
					field(name("principalobjectaccess", "inheritedaccessrightsmask"), Integer.class)), AccessRight.Read.mask())
				.ne(0))));
		return arms;
	}

	private static Set<UUID> owners(UserAccess user) {
		Set<UUID> owners = new HashSet<>(user.teamIds());
		owners.add(user.userId());
		return owners;
	}

	@Override
	public void check(Principal principal, Privilege privilege, EntityDefinition entity, EntityRecord record) {
		if (principal == null || principal.userId() == null) {
			throw RapportException.forbidden("Sign in first.");
		}
		if (principal.isSystem()) {
			return;
		}
		UserAccess user = model.user(principal.userId());
		if (user.disabled()) {
			throw RapportException.forbidden(user.refusal());
		}
		Depth depth = user.depth(entity.logicalName(), privilege);
		if (allowed(user, depth, entity, record, privilege)) {
			return;
		}
		throw RapportException.forbidden("You do not have the " + privilege + " privilege on this "
				+ entity.displayName().toLowerCase() + (record.id() == null ? "" : " (" + record.id() + ")") + ".");
	}

	private boolean allowed(UserAccess user, Depth depth, EntityDefinition entity, EntityRecord record, Privilege privilege) {
		if (depth == Depth.None) {
			return false;
		}
		if (entity.ownership() == Ownership.OrganizationOwned || depth == Depth.Organization) {
			return true;
		}
		RecordRef owner = (RecordRef) record.get("ownerid");
		RecordRef unit = (RecordRef) record.get("owningbusinessunit");
		if (covers(user, depth, owner, unit)) {
			return true;
		}
		if (privilege == Privilege.Create || record.id() == null) {
			return false;
		}
		AccessRight right = AccessRight.of(privilege);
		return right != null && (sharedMask(user, entity, record.id()) & right.mask()) != 0;
	}

	boolean covers(UserAccess user, Depth depth, RecordRef owner, RecordRef unit) {
		boolean ownedByMe = owner != null && owners(user).contains(owner.id());
		return switch (depth) {
			case None -> false;
			case User -> ownedByMe;
			case BusinessUnit -> ownedByMe || (unit != null && unit.id().equals(user.businessUnitId()));
			case ParentChild -> ownedByMe || (unit != null && model.subtree(user.businessUnitId()).contains(unit.id()));
			case Organization -> true;
		};
	}

	/** The union of the rights shared with the user and their teams on one record. */
	int sharedMask(UserAccess user, EntityDefinition entity, UUID id) {
		List<Integer> masks = dsl.select(field(name("accessrightsmask"), Integer.class)
			.bitOr(field(name("inheritedaccessrightsmask"), Integer.class)))
			.from(POA)
			.where(field(name("objectid"), UUID.class).eq(id))
			.and(field(name("principalid"), UUID.class).in(owners(user)))
			.fetch(0, Integer.class);
		return masks.stream().reduce(0, (a, b) -> a | b);
	}

	@Override
	public void checkRelate(Principal principal, String relationship, RecordRef record, RecordRef related) {
		if (principal == null || principal.isSystem()) {
			return;
		}
		UserAccess user = model.user(principal.userId());
		if (user.administrator()) {
			return;
		}
		if (relationship.equalsIgnoreCase("systemuserroles_association") || relationship.equalsIgnoreCase("teamroles_association")) {
			throw RapportException.forbidden("Only a system administrator assigns security roles.");
		}
		if (relationship.toLowerCase().contains("profiles_association")) {
			throw RapportException.forbidden("Only a system administrator assigns field security profiles.");
		}
	}

	/** The derived access in use: the same objects for as long as the security model keeps them (identity, not value). */
	private record ReadVersion(UserAccess user, Object subtrees) {

		@Override
		public boolean equals(Object other) {
			return other instanceof ReadVersion v && v.user == user && v.subtrees == subtrees;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(user) * 31 + System.identityHashCode(subtrees);
		}
	}

	/** Customizing is for system administrators (and the platform itself, as the system principal). */
	@Override
	public void checkCustomizer(Principal by) {
		if (by == null || by.userId() == null) {
			throw RapportException.forbidden("Sign in first.");
		}
		if (by.isSystem()) {
			return;
		}
		UserAccess user = model.user(by.userId());
		if (user.disabled() || !user.administrator()) {
			throw RapportException.forbidden("Only a system administrator customizes entities and attributes.");
		}
	}

	@Override
	public Object readVersion(Principal principal) {
		if (principal == null || principal.userId() == null) {
			return "anonymous";
		}
		if (principal.isSystem()) {
			return "system";
		}
		return new ReadVersion(model.user(principal.userId()), model.subtreesVersion());
	}

	@Override
	public boolean canRead(Principal principal, EntityDefinition entity, AttributeDefinition attribute) {
		if (!attribute.secured() || principal == null || principal.isSystem()) {
			return true;
		}
		return model.user(principal.userId()).fieldAllowed(entity.logicalName(), attribute.logicalName(), "read");
	}

	@Override
	public void checkFields(Principal principal, EntityDefinition entity, Set<String> attributes, boolean create) {
		if (principal == null || principal.isSystem()) {
			return;
		}
		if (entity.logicalName().equals("businessunit") && attributes.contains("isdisabled")) {
			throw new RapportException(400, "DisableBusinessUnit", "A business unit is disabled or enabled by its own command "
					+ "(Settings › Business units, or POST /api/admin/businessunits/{id}/disabled), not by changing isdisabled.",
					List.of(new RapportException.AttributeError("isdisabled", "set by disabling or enabling the unit")));
		}
		UserAccess user = model.user(principal.userId());
		for (String name : attributes) {
			AttributeDefinition a = entity.attribute(name).orElse(null);
			if (a != null && a.secured() && !user.fieldAllowed(entity.logicalName(), name, create ? "create" : "update")) {
				throw new RapportException(403, "FieldAccessDenied", "You may not " + (create ? "set" : "change")
						+ " the secured field " + name + ".", List.of(new RapportException.AttributeError(name, "secured field")));
			}
		}
	}

	@Override
	public void checkOwner(EntityDefinition entity, RecordRef owner) {
		if (owner.entity().equals("team")) {
			Integer type = dsl.select(field(name("teamtype"), Integer.class))
				.from(table(name("team")))
				.where(field(name("teamid"), UUID.class).eq(owner.id()))
				.fetchOne(0, Integer.class);
			if (type == null) {
				throw RapportException.invalid("ownerid", "the team " + owner.id() + " does not exist");
			}
			if (type != 0) {
				throw RapportException.invalid("ownerid", "only owner teams can own records; this is an access team");
			}
			return;
		}
		if (!owner.entity().equals("systemuser")) {
			throw RapportException.invalid("ownerid", "an owner is a user or a team, not " + owner.entity());
		}
		if (owner.id().equals(Principal.SYSTEM_USER_ID)) {
			return;
		}
		UserAccess user = model.user(owner.id());
		if (user.disabled()) {
			throw RapportException.invalid("ownerid", "the user " + owner.id() + (user.unitDisabled()
					? " belongs to a disabled business unit" : " is disabled"));
		}
		if (user.depth(entity.logicalName(), Privilege.Read) == Depth.None) {
			throw RapportException.invalid("ownerid", "the user's security roles do not let them read "
					+ entity.displayCollectionName().toLowerCase() + ", so they cannot own one");
		}
	}

	@Override
	public void changed(String entity) {
		model.changed(entity);
	}

	Metadata metadata() {
		return metadata;
	}
}
