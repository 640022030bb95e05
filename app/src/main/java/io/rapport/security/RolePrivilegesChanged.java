package io.rapport.security;

import java.util.UUID;

/** A role's privileges were replaced (published in the transaction, so the change history records it). */
public record RolePrivilegesChanged(UUID roleId, String before, String after, UUID changedBy) {
}
