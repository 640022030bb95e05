package io.rapport.customers;

import io.rapport.core.Principal;

/**
 * Merges two records of one entity that has the {@code merged} and {@code masterid} attributes (accounts, contacts):
 * the chosen values go to the target; the subordinate's related records (every 1:N relationship whose merge cascade
 * is Cascade), its N:N memberships and its shares move to the target; the subordinate is deactivated, marked merged
 * and points at the target. One transaction, through the record pipeline: Write is needed on both records, and both
 * get a Merge entry in their history.
 */
public interface Merges {

	void merge(Principal principal, MergeRequest request);
}
