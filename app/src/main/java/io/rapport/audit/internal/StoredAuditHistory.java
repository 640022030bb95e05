package io.rapport.audit.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditEntry.AttributeChange;
import io.rapport.audit.AuditHistory;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;

@Component
class StoredAuditHistory implements AuditHistory {

	private final DSLContext dsl;
	private final Queries queries;
	private final Metadata metadata;

	StoredAuditHistory(DSLContext dsl, Queries queries, Metadata metadata) {
		this.dsl = dsl;
		this.queries = queries;
		this.metadata = metadata;
	}

	@Override
	public List<AuditEntry> forRecord(Principal principal, RecordRef record) {
		return read(principal, record, null);
	}

	@Override
	public List<AuditEntry> forAttribute(Principal principal, RecordRef record, String attribute) {
		metadata.entity(record.entity()).requireAttribute(attribute);
		return read(principal, record, attribute);
	}

	private List<AuditEntry> read(Principal principal, RecordRef record, String attribute) {
		metadata.entity(record.entity());
		boolean readable = queries.retrieve(principal, record.entity(), record.id(), List.of("versionnumber")).isPresent();
		boolean deletedEntry = !readable && principal.isSystem();
		if (!readable && !deletedEntry) {
			throw RapportException.notFound(record.entity(), record.id());
		}
		Condition c = field(name("a", "entity"), String.class).eq(record.entity())
			.and(field(name("a", "recordid"), UUID.class).eq(record.id()));
		if (attribute != null) {
			// Entries written before V4 keep their changes as detail rows; later ones in changedata, filtered below.
			c = c.and(field(name("d", "attribute"), String.class).eq(attribute).or(field(name("a", "changedata")).isNotNull()));
		}
		var rows = dsl.select(field(name("a", "auditid"), UUID.class), field(name("a", "action"), String.class),
				field(name("a", "userid"), UUID.class), field(name("a", "createdon"), OffsetDateTime.class),
				field(name("d", "attribute"), String.class), field(name("d", "oldvalue"), String.class),
				field(name("d", "newvalue"), String.class), field(name("a", "changedata"), String.class))
			.from(table(name("rapport_audit")).as("a"))
			.leftJoin(table(name("rapport_audit_detail")).as("d"))
			.on(field(name("d", "auditid"), UUID.class).eq(field(name("a", "auditid"), UUID.class)))
			.where(c)
			.orderBy(field(name("a", "sequence")).desc(), field(name("d", "attribute")))
			.fetch();
		Map<UUID, AuditEntry> entries = new LinkedHashMap<>();
		Map<UUID, List<AttributeChange>> changes = new LinkedHashMap<>();
		for (Record r : rows) {
			UUID id = r.get(0, UUID.class);
			changes.computeIfAbsent(id, k -> new ArrayList<>());
			entries.computeIfAbsent(id, k -> new AuditEntry(id, record, r.get(1, String.class), r.get(2, UUID.class),
					r.get(3, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC), changes.get(id)));
			if (r.get(4) != null) {
				changes.get(id).add(new AttributeChange(r.get(4, String.class), r.get(5, String.class), r.get(6, String.class)));
			}
			String changedata = r.get(7, String.class);
			if (changedata != null) {
				for (AttributeChange change : ChangeData.read(changedata)) {
					if (attribute == null || change.attribute().equals(attribute)) {
						changes.get(id).add(change);
					}
				}
			}
		}
		if (attribute != null) {
			entries.keySet().removeIf(id -> changes.get(id).isEmpty());
		}
		return entries.values().stream()
			.map(e -> new AuditEntry(e.id(), e.record(), e.action(), e.userId(), e.changedOn(),
					e.changes().stream().sorted(java.util.Comparator.comparing(AttributeChange::attribute)).toList()))
			.toList();
	}
}
