package io.rapport.metadata;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.rapport.core.RapportException;

/** The current metadata: every entity, its attributes and its relationships. Reads are lock-free snapshots. */
public interface Metadata {

	/** The reserved prefix every custom entity and custom attribute name must start with. */
	String CUSTOM_PREFIX = "new_";

	Collection<EntityDefinition> entities();

	Optional<EntityDefinition> find(String logicalName);

	Optional<EntityDefinition> findBySetName(String entitySetName);

	List<RelationshipDefinition> relationships();

	/** A revision number that grows with every customization. */
	long revision();

	default EntityDefinition entity(String logicalName) {
		return find(logicalName).orElseThrow(() -> new RapportException(404, "UnknownEntity",
				"There is no entity named '" + logicalName + "'."));
	}

	default Optional<RelationshipDefinition> relationship(String schemaName) {
		return relationships().stream().filter(r -> r.schemaName().equalsIgnoreCase(schemaName)).findFirst();
	}

	/** 1:N relationships in which the given entity is the referenced (parent) side. */
	default List<RelationshipDefinition> oneToManyFrom(String referencedEntity) {
		return relationships().stream()
			.filter(r -> r.isOneToMany() && r.referencedEntity().equals(referencedEntity))
			.toList();
	}

	/** 1:N relationships in which the given entity is the referencing (child) side. */
	default List<RelationshipDefinition> manyToOneFrom(String referencingEntity) {
		return relationships().stream()
			.filter(r -> r.isOneToMany() && r.referencingEntity().equals(referencingEntity))
			.toList();
	}

	/** The hierarchical (self-referencing) relationship of an entity, if it has one. */
	default Optional<RelationshipDefinition> hierarchy(String entity) {
		return relationships().stream()
			.filter(r -> r.isOneToMany() && r.hierarchical() && r.referencedEntity().equals(entity)
					&& r.referencingEntity().equals(entity))
			.findFirst();
	}
}
