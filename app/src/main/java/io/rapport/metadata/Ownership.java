package io.rapport.metadata;

/** Who owns the records of an entity. */
public enum Ownership {
	/** Owned by a user or a team; security depths apply. */
	UserOwned,
	/** Owned by the organization; only organization or no access. */
	OrganizationOwned
}
