package io.rapport.security;

import java.util.List;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.Table;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;

/**
 * The one enforcement point. The query compiler adds {@link #readPredicate} to every table a query reads; the record
 * pipeline calls {@link #check} for every write and {@link #checkFields} for every attribute it writes. There is no
 * other way to read or change a record.
 */
public interface AccessControl {

	/** The SQL condition that limits rows of {@code entity} (aliased as {@code table}) to those the principal may read. */
	default Condition readPredicate(Principal principal, EntityDefinition entity, Table<?> table) {
		List<Condition> arms = readArms(principal, entity, table);
		return arms.isEmpty() ? org.jooq.impl.DSL.noCondition() : org.jooq.impl.DSL.or(arms);
	}

	/**
	 * The same limit as separate, individually indexable conditions whose OR is the predicate (owned by me, owned in my
	 * business unit, shared with me…); empty when the principal may read every row. A paged list can run one ordered,
	 * limited query per arm and merge them, where the OR of all arms would defeat the sort index.
	 */
	List<Condition> readArms(Principal principal, EntityDefinition entity, Table<?> table);

	/**
	 * Refuses (403) when the principal lacks the privilege on the record. For Create, {@code record} is the new record
	 * with its owner and owning business unit; otherwise it is the current state of the record.
	 */
	void check(Principal principal, Privilege privilege, EntityDefinition entity, EntityRecord record);

	/** Refuses (403) associating or disassociating two records that the principal may not relate. */
	void checkRelate(Principal principal, String relationship, RecordRef record, RecordRef related);

	/** Whether the principal may see the value of a (possibly secured) attribute. */
	boolean canRead(Principal principal, EntityDefinition entity, AttributeDefinition attribute);

	/** Refuses (403) writing secured attributes the principal's field security profiles do not allow. */
	void checkFields(Principal principal, EntityDefinition entity, Set<String> attributes, boolean create);

	/** Refuses (400) an owner (user or team) that cannot own records of the entity: a team that is not an owner team, or a user whose roles do not let them read such records. */
	void checkOwner(EntityDefinition entity, RecordRef owner);

	/**
	 * What {@link #readArms} and {@link #canRead} derive the principal's answers from, as a value that stays equal
	 * for as long as they would answer the same (for the same entity definition): a caller may keep what it built
	 * from them (a rendered query) while the version it was built under still equals the current one.
	 */
	Object readVersion(Principal principal);

	/** Tells the access control that records of an entity changed, so it can forget what it derived from them. */
	void changed(String entity);
}
