package io.rapport.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One entity (table): its names, ownership, attributes and alternate keys. Immutable. */
public final class EntityDefinition {

	private final String logicalName;
	private final String entitySetName;
	private final String displayName;
	private final String displayCollectionName;
	private final String primaryIdAttribute;
	private final String primaryNameAttribute;
	private final Ownership ownership;
	private final boolean custom;
	private final boolean auditEnabled;
	private final String description;
	private final Map<String, AttributeDefinition> attributes;
	private final List<AlternateKeyDefinition> keys;
	private final List<IndexDefinition> indexes;

	public EntityDefinition(String logicalName, String entitySetName, String displayName, String displayCollectionName,
			String primaryIdAttribute, String primaryNameAttribute, Ownership ownership, boolean custom,
			boolean auditEnabled, String description, List<AttributeDefinition> attributes,
			List<AlternateKeyDefinition> keys, List<IndexDefinition> indexes) {
		this.logicalName = logicalName;
		this.entitySetName = entitySetName;
		this.displayName = displayName;
		this.displayCollectionName = displayCollectionName;
		this.primaryIdAttribute = primaryIdAttribute;
		this.primaryNameAttribute = primaryNameAttribute;
		this.ownership = ownership;
		this.custom = custom;
		this.auditEnabled = auditEnabled;
		this.description = description;
		Map<String, AttributeDefinition> byName = new LinkedHashMap<>();
		attributes.forEach(a -> byName.put(a.logicalName(), a));
		this.attributes = java.util.Collections.unmodifiableMap(byName);
		this.keys = List.copyOf(keys);
		this.indexes = List.copyOf(indexes);
	}

	public String logicalName() {
		return logicalName;
	}

	/** The table name: the same as the logical name. */
	public String table() {
		return logicalName;
	}

	public String entitySetName() {
		return entitySetName;
	}

	public String displayName() {
		return displayName;
	}

	public String displayCollectionName() {
		return displayCollectionName;
	}

	public String primaryIdAttribute() {
		return primaryIdAttribute;
	}

	public String primaryNameAttribute() {
		return primaryNameAttribute;
	}

	public Ownership ownership() {
		return ownership;
	}

	public boolean custom() {
		return custom;
	}

	public boolean auditEnabled() {
		return auditEnabled;
	}

	public String description() {
		return description;
	}

	public List<AttributeDefinition> attributes() {
		return List.copyOf(attributes.values());
	}

	public Optional<AttributeDefinition> attribute(String name) {
		return Optional.ofNullable(attributes.get(name));
	}

	public AttributeDefinition requireAttribute(String name) {
		AttributeDefinition a = attributes.get(name);
		if (a == null) {
			throw new io.rapport.core.RapportException(400, "UnknownAttribute",
					"'" + name + "' is not an attribute of " + logicalName + ".",
					List.of(new io.rapport.core.RapportException.AttributeError(name, "not an attribute of " + logicalName)));
		}
		return a;
	}

	public List<AlternateKeyDefinition> keys() {
		return keys;
	}

	/** Indexes declared for known reads, beyond those on lookups, primary names and keys. */
	public List<IndexDefinition> indexes() {
		return indexes;
	}

	public EntityDefinition withAttribute(AttributeDefinition attribute) {
		List<AttributeDefinition> all = new java.util.ArrayList<>(attributes.values());
		all.add(attribute);
		return new EntityDefinition(logicalName, entitySetName, displayName, displayCollectionName, primaryIdAttribute,
				primaryNameAttribute, ownership, custom, auditEnabled, description, all, keys, indexes);
	}

	@Override
	public String toString() {
		return "EntityDefinition[" + logicalName + "]";
	}
}
