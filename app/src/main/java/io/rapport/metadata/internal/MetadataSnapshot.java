package io.rapport.metadata.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.RelationshipDefinition;

/** An immutable, consistent view of all definitions at one revision. */
record MetadataSnapshot(Map<String, EntityDefinition> entities, Map<String, EntityDefinition> bySetName,
		List<RelationshipDefinition> relationships, long revision) {

	static MetadataSnapshot of(Collection<EntityDefinition> entities, List<RelationshipDefinition> relationships,
			long revision) {
		Map<String, EntityDefinition> byName = entities.stream()
			.collect(Collectors.toMap(EntityDefinition::logicalName, Function.identity(), (a, b) -> a,
					java.util.LinkedHashMap::new));
		Map<String, EntityDefinition> bySet = entities.stream()
			.collect(Collectors.toMap(e -> e.entitySetName().toLowerCase(), Function.identity()));
		return new MetadataSnapshot(Map.copyOf(byName), Map.copyOf(bySet), List.copyOf(relationships), revision);
	}

	Optional<EntityDefinition> find(String name) {
		return Optional.ofNullable(entities.get(name));
	}
}
