package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.Ownership;
import io.rapport.security.Depth;
import io.rapport.security.Privilege;
import io.rapport.security.RolePrivilegesChanged;
import io.rapport.security.SecurityRoles;

@Component
class RolePrivilegeStore implements SecurityRoles {

	private static final org.jooq.Table<?> PRIVILEGES = table(name("rapport_role_privilege"));

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	private final Metadata metadata;
	private final SecurityModel model;
	private final ApplicationEventPublisher events;

	RolePrivilegeStore(DSLContext dsl, TransactionTemplate tx, Metadata metadata, SecurityModel model,
			ApplicationEventPublisher events) {
		this.dsl = dsl;
		this.tx = tx;
		this.metadata = metadata;
		this.model = model;
		this.events = events;
	}

	@Override
	public List<Grant> privileges(UUID roleId) {
		requireRole(roleId);
		List<Grant> grants = new ArrayList<>();
		for (Record r : dsl.select(field(name("entity"), String.class), field(name("privilege"), String.class),
				field(name("depth"), String.class))
			.from(PRIVILEGES)
			.where(field(name("roleid"), UUID.class).eq(roleId))
			.orderBy(field(name("entity")), field(name("privilege")))
			.fetch()) {
			grants.add(new Grant(r.get(0, String.class), Privilege.valueOf(r.get(1, String.class)), Depth.valueOf(r.get(2, String.class))));
		}
		return grants;
	}

	@Override
	public void setPrivileges(Principal by, UUID roleId, List<Grant> grants) {
		if (!by.isSystem() && !model.user(by.userId()).administrator()) {
			throw RapportException.forbidden("Only a system administrator changes security roles.");
		}
		if (SYSTEM_ADMINISTRATOR.equals(roleId)) {
			throw new RapportException(400, "ReadOnlyRole", "The System Administrator role always holds every privilege; it cannot be changed.");
		}
		for (int i = 0; i < grants.size(); i++) {
			Grant g = grants.get(i);
			if (g.entity() == null || g.privilege() == null || g.depth() == null) {
				throw RapportException.invalid("privileges[" + i + "]", "needs entity, privilege and depth");
			}
			EntityDefinition entity = metadata.find(g.entity())
				.orElseThrow(() -> RapportException.invalid("privileges[" + g + "].entity", "'" + g.entity() + "' is not an entity"));
			if (entity.ownership() == Ownership.OrganizationOwned && g.depth() != Depth.None && g.depth() != Depth.Organization) {
				throw RapportException.invalid("privileges[" + i + "].depth", entity.displayCollectionName()
						+ " are owned by the organization: their privileges are None or Organization");
			}
		}
		tx.executeWithoutResult(s -> {
			requireRole(roleId);
			String before = describe(privileges(roleId));
			dsl.deleteFrom(PRIVILEGES).where(field(name("roleid"), UUID.class).eq(roleId)).execute();
			Map<String, Grant> deepest = new java.util.LinkedHashMap<>();
			for (Grant g : grants) {
				deepest.merge(g.entity() + "/" + g.privilege(), g, (a, b) -> a.depth().atLeast(b.depth()) ? a : b);
			}
			for (Grant g : deepest.values()) {
				if (g.depth() == Depth.None) {
					continue;
				}
				dsl.insertInto(PRIVILEGES)
					.set(field(name("roleid"), UUID.class), roleId)
					.set(field(name("entity"), String.class), g.entity())
					.set(field(name("privilege"), String.class), g.privilege().name())
					.set(field(name("depth"), String.class), g.depth().name())
					.execute();
			}
			model.changed("role");
			events.publishEvent(new RolePrivilegesChanged(roleId, before, describe(privileges(roleId)), by.userId()));
		});
	}

	@Override
	public List<Grant> effectivePrivileges(Principal principal) {
		List<Grant> grants = new ArrayList<>();
		UserAccess user = principal.isSystem() ? null : model.user(principal.userId());
		for (EntityDefinition entity : metadata.entities()) {
			for (Privilege p : EnumSet.allOf(Privilege.class)) {
				Depth d = user == null ? Depth.Organization : user.depth(entity.logicalName(), p);
				if (d != Depth.None) {
					grants.add(new Grant(entity.logicalName(), p, d));
				}
			}
		}
		return grants;
	}

	private void requireRole(UUID roleId) {
		if (!dsl.fetchExists(table(name("role")), field(name("roleid"), UUID.class).eq(roleId))) {
			throw RapportException.notFound("role", roleId);
		}
	}

	private static String describe(List<Grant> grants) {
		StringBuilder s = new StringBuilder();
		Map<String, List<Grant>> byEntity = new java.util.TreeMap<>();
		grants.forEach(g -> byEntity.computeIfAbsent(g.entity(), k -> new ArrayList<>()).add(g));
		byEntity.forEach((entity, list) -> {
			s.append(entity).append(':');
			list.forEach(g -> s.append(' ').append(g.privilege()).append('=').append(g.depth()));
			s.append('\n');
		});
		return s.toString();
	}
}
