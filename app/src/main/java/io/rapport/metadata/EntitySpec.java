package io.rapport.metadata;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The definition of an entity as written in a resource file ({@code rapport/entities/<module>/<entity>.json}) or
 * posted by an admin to create a custom entity. Only the entity's own attributes are listed: the system columns
 * (id, created/modified on/by, owner, owning business unit, state, status, version) are added by the platform.
 */
public record EntitySpec(@JsonProperty("$schema") String schema, String logicalName, String entitySetName,
		String displayName, String displayCollectionName, String primaryIdAttribute, String primaryNameAttribute,
		Ownership ownership, Boolean audit, String description, List<StateSpec> states, List<AttributeSpec> attributes,
		List<AlternateKeyDefinition> keys, List<RelationshipSpec> relationships, List<IndexDefinition> indexes) {

	public EntitySpec {
		states = states == null ? List.of() : states;
		attributes = attributes == null ? List.of() : attributes;
		keys = keys == null ? List.of() : keys;
		relationships = relationships == null ? List.of() : relationships;
		indexes = indexes == null ? List.of() : indexes;
	}

	/** A state (statecode value) with its status reasons (statuscode values). */
	public record StateSpec(Integer value, String label, Integer defaultStatus, List<OptionDefinition> statuses) {
	}

	/** One attribute as written in a definition. */
	public record AttributeSpec(String name, String displayName, AttributeType type, RequiredLevel required,
			StringFormat format, Integer maxLength, Integer precision, java.math.BigDecimal min, java.math.BigDecimal max,
			List<OptionDefinition> options, List<String> targets, @JsonProperty("default") Object defaultValue,
			String description, RelationshipSpec relationship, Boolean secured) {
	}

	/**
	 * A relationship as written in a definition: a 1:N in which this entity is the referencing (child) side, or an
	 * N:N between this entity ({@code entity1}) and {@code entity2}.
	 */
	public record RelationshipSpec(String schemaName, RelationshipType type, String referencedEntity,
			String referencingAttribute, Boolean hierarchical, CascadeConfiguration cascade, String entity2,
			String intersectEntity) {
	}
}
