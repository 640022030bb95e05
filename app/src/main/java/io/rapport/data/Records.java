package io.rapport.data;

import java.util.List;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/** The record pipeline: the only way to change a record. */
public interface Records {

	/** Creates the record and returns its id. Values are checked against metadata; failures name the attribute. */
	UUID create(Principal principal, EntityRecord record);

	/**
	 * Creates the records in one transaction, each checked and passed through the handlers as by {@link #create},
	 * the rows written in batches. Any failure writes nothing and its message names the record's index
	 * ({@code Targets[i]}). Handlers of one record do not see the rows of the others before the write.
	 */
	List<UUID> createMultiple(Principal principal, List<EntityRecord> records);

	/** The record with the given columns (all when none are given), or a 404 when it is missing or not readable. */
	EntityRecord retrieve(Principal principal, String entity, UUID id, String... columns);

	/**
	 * Updates the attributes present in {@code record}. If the record carries {@code versionnumber}, the update is
	 * refused with 409 when the stored version differs; in any case two concurrent updates never overwrite each
	 * other silently.
	 */
	void update(Principal principal, EntityRecord record);

	/** Deletes the record, applying each relationship's delete cascade (cascade, remove link or restrict). */
	void delete(Principal principal, RecordRef record);

	/** Deletes the record only if its row version is still {@code expectedVersion}. */
	void delete(Principal principal, RecordRef record, long expectedVersion);

	void associate(Principal principal, RecordRef record, String relationship, List<RecordRef> related);

	void disassociate(Principal principal, RecordRef record, String relationship, List<RecordRef> related);

	/**
	 * Gives the record to another owner (a user or an owner team), with the owner's business unit, and cascades to
	 * related records as each relationship's assign cascade says.
	 */
	void assign(Principal principal, RecordRef record, RecordRef owner);

	/** Sets the state, and the status reason (or the state's default status when null). */
	void setState(Principal principal, RecordRef record, int state, Integer status);

	/**
	 * Writes one record's side of a merge (Dataverse's Merge message): the values chosen for the surviving record, or
	 * the deactivation of the merged one. Like {@link #update} — Write checked, validated, handlers of Merge run,
	 * audited as Merge — except that it may also set the state and status. The module that merges records moves their
	 * related records itself, in the same transaction.
	 */
	void merge(Principal principal, EntityRecord record);
}
