package io.rapport.metadata;

import java.util.List;

/**
 * A non-unique index over several attributes, in order, declared where a known read needs it (for example the
 * timeline: a record's activities newest first needs {@code (regardingobjectid, createdon, id)}).
 */
public record IndexDefinition(String name, List<String> attributes) {

	public IndexDefinition {
		attributes = attributes == null ? List.of() : List.copyOf(attributes);
	}
}
