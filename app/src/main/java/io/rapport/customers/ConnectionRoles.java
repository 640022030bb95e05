package io.rapport.customers;

import java.util.List;
import java.util.UUID;

import io.rapport.core.Principal;

/**
 * Matching (reciprocal) connection roles: the roles the other record may play when a record plays a role, such as
 * Customer for Supplier, or Colleague for Colleague. Matching works both ways: matching A with B matches B with A.
 * Roles themselves are records of {@code connectionrole}.
 */
public interface ConnectionRoles {

	/** The roles matching the given role that the principal may read, by name. */
	List<Connection.Role> matching(Principal principal, UUID roleId);

	/** Makes two roles (or a role and itself) match; nothing happens when they already do. */
	void match(Principal principal, UUID roleId, UUID matchingRoleId);

	/** Makes two roles no longer match, in both directions. */
	void unmatch(Principal principal, UUID roleId, UUID matchingRoleId);
}
