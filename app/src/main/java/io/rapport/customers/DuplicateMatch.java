package io.rapport.customers;

import java.util.UUID;

import io.rapport.core.RecordRef;

/**
 * A record that may be a duplicate: which one, its name as the caller may see it, and the rule that matched it.
 *
 * @param name the matching record's primary name, or null when it has none or the caller may not read it
 */
public record DuplicateMatch(RecordRef record, String name, UUID ruleId, String ruleName) {
}
