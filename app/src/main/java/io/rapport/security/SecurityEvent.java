package io.rapport.security;

import java.util.UUID;

/**
 * Something security-relevant happened that is not a record change: a sign-in (succeeded or failed), a lock-out, a
 * token created or revoked, a password changed. The change history records each one.
 */
public record SecurityEvent(String action, UUID userId, String detail) {
}
