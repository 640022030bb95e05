package io.rapport.metadata;

/**
 * Cascade behaviour of a 1:N relationship for each action on the referenced (parent) record.
 * Delete accepts only Cascade, RemoveLink and Restrict.
 */
public record CascadeConfiguration(CascadeType assign, CascadeType share, CascadeType unshare, CascadeType reparent,
		CascadeType delete, CascadeType merge) {

	/** Dataverse's default for a new custom relationship ("referential"). */
	public static final CascadeConfiguration REFERENTIAL = new CascadeConfiguration(CascadeType.NoCascade,
			CascadeType.NoCascade, CascadeType.NoCascade, CascadeType.NoCascade, CascadeType.RemoveLink, CascadeType.NoCascade);

	public CascadeConfiguration {
		assign = orElse(assign, CascadeType.NoCascade);
		share = orElse(share, CascadeType.NoCascade);
		unshare = orElse(unshare, CascadeType.NoCascade);
		reparent = orElse(reparent, CascadeType.NoCascade);
		delete = orElse(delete, CascadeType.RemoveLink);
		merge = orElse(merge, CascadeType.NoCascade);
	}

	private static CascadeType orElse(CascadeType value, CascadeType fallback) {
		return value == null ? fallback : value;
	}
}
