package io.rapport.metadata;

import io.rapport.core.Principal;
import io.rapport.metadata.EntitySpec.AttributeSpec;

/**
 * Runtime customization: custom entities and custom attributes become real tables and columns at once, without a
 * restart. A customization that fails changes nothing: neither the metadata nor the schema.
 */
public interface Customizations {

	EntityDefinition createEntity(EntitySpec spec, Principal by);

	EntityDefinition addAttribute(String entity, AttributeSpec spec, Principal by);

	/**
	 * Makes sure one index serves looking records up by these attributes, in this order: text compared
	 * case-insensitively as the query compiler compares it ({@code lower(column)}), other types as they are. For
	 * features that look records up by values, such as duplicate detection rules. Idempotent; runs in the caller's
	 * transaction. On PostgreSQL only: the embedded H2 database cannot index expressions and holds small data.
	 */
	void indexForLookups(String entity, java.util.List<String> attributes);
}
