package io.rapport.audit;

import java.util.List;

import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/** Reads the change history of a record, newest first, if the principal may read the record. */
public interface AuditHistory {

	List<AuditEntry> forRecord(Principal principal, RecordRef record);

	/** Only the entries that changed the given attribute, each with only that attribute's change. */
	List<AuditEntry> forAttribute(Principal principal, RecordRef record, String attribute);
}
