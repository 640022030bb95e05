package io.rapport.data;

import java.util.Set;
import java.util.UUID;

import io.rapport.core.RecordRef;

/**
 * Published for every successful message that changed a record; listeners that want after-commit semantics use
 * {@code @TransactionalEventListener} or {@code @ApplicationModuleListener}.
 */
public record RecordChanged(Message message, RecordRef record, Set<String> attributes, UUID userId) {
}
