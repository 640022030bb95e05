package io.rapport.security;

/** How far a privilege reaches (Dataverse's access levels: Basic, Local, Deep, Global). */
public enum Depth {
	/** No access. */
	None,
	/** Records the user owns, or their teams own (Basic). */
	User,
	/** Records owned in the user's business unit (Local). */
	BusinessUnit,
	/** Records owned in the user's business unit and every unit below it (Deep). */
	ParentChild,
	/** Every record (Global). */
	Organization;

	public boolean atLeast(Depth other) {
		return compareTo(other) >= 0;
	}

	public static Depth max(Depth a, Depth b) {
		return a.compareTo(b) >= 0 ? a : b;
	}
}
