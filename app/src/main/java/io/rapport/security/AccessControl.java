package io.rapport.security;

import org.jooq.Condition;
import org.jooq.Table;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.metadata.EntityDefinition;

/**
 * The one enforcement point. The query compiler adds {@link #readPredicate} to every query it compiles; the record
 * pipeline calls {@link #check} for every write. There is no other way to read or change a record.
 */
public interface AccessControl {

	/** The SQL condition that limits rows of {@code entity} (aliased as {@code table}) to those the principal may read. */
	Condition readPredicate(Principal principal, EntityDefinition entity, Table<?> table);

	/**
	 * Refuses (403) when the principal lacks the privilege on the record. For Create, {@code record} is the new record;
	 * otherwise it is the current state of the record, with its owner and owning business unit.
	 */
	void check(Principal principal, Privilege privilege, EntityDefinition entity, EntityRecord record);
}
