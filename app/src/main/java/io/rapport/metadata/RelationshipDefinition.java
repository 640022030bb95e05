package io.rapport.metadata;

/**
 * A relationship between two entities.
 * <ul>
 * <li>OneToMany: {@code referencingEntity.referencingAttribute} points at {@code referencedEntity}; cascade says what
 * actions on the referenced (parent) record do to the referencing (child) records.</li>
 * <li>ManyToMany: rows of {@code intersectEntity} pair {@code entity1} and {@code entity2} records.</li>
 * </ul>
 */
public record RelationshipDefinition(String schemaName, RelationshipType type, String referencedEntity,
		String referencingEntity, String referencingAttribute, CascadeConfiguration cascade, boolean hierarchical,
		String entity1, String entity2, String intersectEntity, boolean custom) {

	public RelationshipDefinition {
		type = type == null ? RelationshipType.OneToMany : type;
		if (type == RelationshipType.OneToMany && cascade == null) {
			cascade = CascadeConfiguration.REFERENTIAL;
		}
	}

	public boolean isOneToMany() {
		return type == RelationshipType.OneToMany;
	}

	/** Intersect-table column naming the record of the given side (its primary id attribute name). */
	public static String intersectColumn(EntityDefinition side, boolean first, boolean selfReferencing) {
		return selfReferencing ? side.primaryIdAttribute() + (first ? "one" : "two") : side.primaryIdAttribute();
	}
}
