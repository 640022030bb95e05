package io.rapport.security;

import java.util.Optional;
import java.util.UUID;

import io.rapport.core.Principal;

/** The principal of a user for work done on their behalf outside a request, such as a background job. */
public interface Principals {

	/**
	 * The user's principal as it is now (business unit and teams), the system principal for the SYSTEM user, or empty
	 * when the user does not exist or is disabled.
	 */
	Optional<Principal> of(UUID userId);
}
