package io.rapport.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.rapport.core.RecordRef;

/** One change of a record: the action (Create, Update, Delete, SetState, Assign, Associate, Disassociate, Merge), who and when, and each attribute changed. */
public record AuditEntry(UUID id, RecordRef record, String action, UUID userId, OffsetDateTime changedOn,
		List<AttributeChange> changes) {

	/** One attribute's change. Values are in their text form (references as {@code entity:id}); null means empty. */
	public record AttributeChange(String attribute, String oldValue, String newValue) {
	}
}
