package io.rapport.customers.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import io.rapport.metadata.Metadata;

/**
 * The entities whose records can be connected: the targets of {@code connection.record1id} (account and contact
 * today). A module that makes another entity connectable adds it to the targets of record1id and record2id.
 */
@Component
class ConnectableEntities {

	private final Metadata metadata;

	ConnectableEntities(Metadata metadata) {
		this.metadata = metadata;
	}

	List<String> names() {
		return metadata.entity("connection").requireAttribute("record1id").targets();
	}

	boolean contains(String entity) {
		return names().contains(entity);
	}

	/** "accounts", "contacts": how messages name the records of an entity. */
	String plural(String entity) {
		return metadata.find(entity).map(e -> e.displayCollectionName().toLowerCase()).orElse(entity);
	}
}
