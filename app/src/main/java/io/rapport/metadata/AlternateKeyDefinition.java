package io.rapport.metadata;

import java.util.List;

/** An alternate key: a unique combination of attributes that identifies a record (used by upsert and import). */
public record AlternateKeyDefinition(String name, List<String> attributes) {

	public AlternateKeyDefinition {
		attributes = List.copyOf(attributes);
	}
}
