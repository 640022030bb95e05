package io.rapport.security;

import java.util.Set;
import java.util.UUID;

import io.rapport.core.RecordRef;

/** A share was granted, modified or revoked (published in the transaction, so the change history records it). */
public record AccessChanged(String action, RecordRef record, RecordRef grantee, Set<AccessRight> before,
		Set<AccessRight> after, UUID changedBy) {
}
