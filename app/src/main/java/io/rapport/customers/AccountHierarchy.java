package io.rapport.customers;

import java.util.List;
import java.util.UUID;

import io.rapport.core.Principal;

/** An account's whole hierarchy: from the top-most ancestor the caller may read, down through every descendant. */
public interface AccountHierarchy {

	/** The accounts of the hierarchy the account belongs to, top first, each with its depth and parent; only those the principal may read. */
	List<Node> of(Principal principal, UUID accountId);

	record Node(UUID accountId, String name, UUID parentAccountId, int depth, boolean requested) {
	}
}
