package io.rapport.audit.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.rapport.audit.AuditEntry.AttributeChange;
import io.rapport.core.RecordRef;
import io.rapport.security.AccessChanged;
import io.rapport.security.AccessRight;
import io.rapport.security.RolePrivilegesChanged;
import io.rapport.security.SecurityEvent;

/**
 * Records security changes in the same history as record changes: shares (on the shared record), role privilege
 * changes (on the role) and sign-in, lock-out and token events (on the user). Listens in the publisher's transaction.
 */
@Component
class SecurityChangeRecorder {

	private final DSLContext dsl;

	SecurityChangeRecorder(DSLContext dsl) {
		this.dsl = dsl;
	}

	@EventListener
	void on(AccessChanged e) {
		String attribute = "share:" + e.grantee().entity() + ":" + e.grantee().id();
		write(e.record(), e.action(), e.changedBy(), attribute, rights(e.before()), rights(e.after()));
	}

	@EventListener
	void on(RolePrivilegesChanged e) {
		write(new RecordRef("role", e.roleId()), "SetRolePrivileges", e.changedBy(), "privileges", e.before(), e.after());
	}

	@EventListener
	void on(SecurityEvent e) {
		write(new RecordRef("systemuser", e.userId()), e.action(), e.userId(), "detail", null, e.detail());
	}

	private static String rights(Set<AccessRight> rights) {
		return rights.isEmpty() ? null : String.join(",", rights.stream().map(Enum::name).sorted().toList());
	}

	private void write(RecordRef record, String action, UUID by, String attribute, String before, String after) {
		UUID auditId = UUID.randomUUID();
		dsl.insertInto(table(name("rapport_audit")))
			.set(field(name("auditid")), auditId)
			.set(field(name("entity")), record.entity())
			.set(field(name("recordid")), record.id())
			.set(field(name("action")), action)
			.set(field(name("userid")), by)
			.set(field(name("createdon")), OffsetDateTime.now(ZoneOffset.UTC))
			.set(field(name("changedata")), ChangeData.write(List.of(new AttributeChange(attribute, before, after))))
			.execute();
	}
}
