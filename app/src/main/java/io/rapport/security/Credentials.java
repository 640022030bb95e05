package io.rapport.security;

import java.util.List;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.rapport.core.Principal;

/** Passwords of people and API tokens of programs. Secrets are stored only as hashes. */
public interface Credentials {

	/** Sets a user's password: the user themself, or an administrator. At least 8 characters. */
	void setPassword(Principal by, UUID userId, String password);

	/** Creates a personal API token for the principal; the returned token is shown once and never stored. */
	IssuedToken createToken(Principal owner, String name);

	List<TokenInfo> tokens(Principal owner);

	void revokeToken(Principal owner, UUID tokenId);

	record IssuedToken(UUID id, String name, String token) {
	}

	record TokenInfo(UUID id, String name, OffsetDateTime createdOn, OffsetDateTime lastUsedOn, OffsetDateTime revokedOn) {
	}
}
