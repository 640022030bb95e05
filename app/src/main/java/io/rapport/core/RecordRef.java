package io.rapport.core;

import java.util.Objects;
import java.util.UUID;

/** A reference to one record: its entity's logical name and its id (Dataverse's EntityReference). */
public record RecordRef(String entity, UUID id) {

	public RecordRef {
		Objects.requireNonNull(entity, "entity");
		Objects.requireNonNull(id, "id");
	}

	@Override
	public String toString() {
		return entity + "(" + id + ")";
	}
}
