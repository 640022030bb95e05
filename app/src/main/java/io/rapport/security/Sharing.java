package io.rapport.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/**
 * Record sharing (Dataverse's GrantAccess, ModifyAccess, RevokeAccess): rights on one record for a user or a team,
 * cascading to related records as each relationship's share cascade says. Never beyond what the sharer has on the
 * record, nor beyond what the grantee's roles allow.
 */
public interface Sharing {

	/** Adds rights for the grantee (a systemuser or team reference). */
	void grant(Principal by, RecordRef record, RecordRef grantee, Set<AccessRight> rights);

	/** Replaces the grantee's rights. */
	void modify(Principal by, RecordRef record, RecordRef grantee, Set<AccessRight> rights);

	/** Removes every right shared with the grantee (and what cascaded from it). */
	void revoke(Principal by, RecordRef record, RecordRef grantee);

	/**
	 * For a merge: every right shared directly on {@code from} is shared on {@code to} as well (adding to what the
	 * grantee has there) and removed from {@code from}, each cascading as the relationships say. Needs Write on both
	 * records, as the merge does.
	 */
	void moveShares(Principal by, RecordRef from, RecordRef to);

	/** Who the record is shared with (Dataverse's RetrieveSharedPrincipalsAndAccess). */
	List<Share> shares(Principal by, RecordRef record);

	/**
	 * The rights one user or team has on the record (Dataverse's RetrievePrincipalAccess): for a user, what their roles
	 * give them over the record's owner plus what is shared with them or their teams; for a team, what is shared with
	 * the team. Needs Read on the record.
	 */
	Set<AccessRight> principalAccess(Principal by, RecordRef record, RecordRef principal);

	/**
	 * The ids of records of {@code entity} shared with the principal or one of their teams with at least Read, directly
	 * or through a cascade: where a "shared with me" list starts. Reading those records still goes through the query
	 * engine and its access predicate.
	 */
	Set<UUID> sharedWith(Principal principal, String entity);

	/** Who may do what with the record, and why. */
	List<Access> whoHasAccess(Principal by, RecordRef record);

	/** One share: the grantee, its own rights and those inherited through a cascade. */
	record Share(RecordRef grantee, Set<AccessRight> rights, Set<AccessRight> inheritedRights) {
	}

	/** One user's access to a record: each right they hold, and the reasons. */
	record Access(UUID userId, String userName, Set<AccessRight> rights, List<String> reasons) {
	}
}
