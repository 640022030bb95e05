package io.rapport.api.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.EntitySpec;
import io.rapport.metadata.EntitySpec.AttributeSpec;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Admin customization at runtime: custom entities and custom attributes become real tables and columns at once. */
@RestController
@RequestMapping("/api/admin/entities")
@Tag(name = "Customization", description = "Entities and attributes, system and custom")
class CustomizationController {

	private final Metadata metadata;
	private final Customizations customizations;
	private final CurrentPrincipal principal;

	CustomizationController(Metadata metadata, Customizations customizations, CurrentPrincipal principal) {
		this.metadata = metadata;
		this.customizations = customizations;
		this.principal = principal;
	}

	@GetMapping
	@Operation(summary = "List every entity with its names and ownership")
	List<Map<String, Object>> list() {
		return metadata.entities().stream().map(e -> summary(e)).toList();
	}

	@GetMapping("/{logicalName}")
	@Operation(summary = "The whole definition of one entity: attributes, keys and relationships")
	Map<String, Object> get(@PathVariable String logicalName) {
		return definition(metadata.entity(logicalName));
	}

	@PostMapping
	@Operation(summary = "Create a custom entity (its logical name must start with new_)")
	ResponseEntity<Map<String, Object>> create(@RequestBody byte[] body) {
		EntitySpec spec = DefinitionJson.entity("request", body);
		EntityDefinition entity = customizations.createEntity(spec, principal.get());
		return ResponseEntity.created(URI.create("/api/admin/entities/" + entity.logicalName())).body(definition(entity));
	}

	@PostMapping("/{logicalName}/attributes")
	@Operation(summary = "Add a custom attribute (its name must start with new_) to any entity")
	ResponseEntity<Map<String, Object>> addAttribute(@PathVariable String logicalName, @RequestBody byte[] body) {
		AttributeSpec spec = DefinitionJson.attribute("request", body);
		EntityDefinition entity = customizations.addAttribute(logicalName, spec, principal.get());
		AttributeDefinition added = entity.requireAttribute(spec.name());
		return ResponseEntity.created(URI.create("/api/admin/entities/" + logicalName + "/attributes/" + added.logicalName()))
			.body(attribute(added));
	}

	private static Map<String, Object> summary(EntityDefinition e) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("logicalName", e.logicalName());
		m.put("entitySetName", e.entitySetName());
		m.put("displayName", e.displayName());
		m.put("displayCollectionName", e.displayCollectionName());
		m.put("primaryIdAttribute", e.primaryIdAttribute());
		m.put("primaryNameAttribute", e.primaryNameAttribute());
		m.put("ownership", e.ownership().name());
		m.put("custom", e.custom());
		return m;
	}

	private Map<String, Object> definition(EntityDefinition e) {
		Map<String, Object> m = summary(e);
		m.put("description", e.description());
		m.put("attributes", e.attributes().stream().map(CustomizationController::attribute).toList());
		m.put("keys", e.keys());
		m.put("indexes", e.indexes());
		m.put("relationships", metadata.relationships().stream()
			.filter(r -> e.logicalName().equals(r.referencedEntity()) || e.logicalName().equals(r.referencingEntity())
					|| e.logicalName().equals(r.entity1()) || e.logicalName().equals(r.entity2()))
			.map(CustomizationController::relationship)
			.toList());
		return m;
	}

	static Map<String, Object> attribute(AttributeDefinition a) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("logicalName", a.logicalName());
		m.put("displayName", a.displayName());
		m.put("type", a.type().name());
		m.put("requiredLevel", a.requiredLevel().name());
		if (a.format() != null) {
			m.put("format", a.format().name());
		}
		if (a.maxLength() != null) {
			m.put("maxLength", a.maxLength());
		}
		if (a.precision() != null) {
			m.put("precision", a.precision());
		}
		if (a.minValue() != null) {
			m.put("minValue", a.minValue());
		}
		if (a.maxValue() != null) {
			m.put("maxValue", a.maxValue());
		}
		if (!a.options().isEmpty()) {
			m.put("options", a.options());
		}
		if (!a.targets().isEmpty()) {
			m.put("targets", a.targets());
		}
		m.put("custom", a.custom());
		m.put("system", a.system());
		m.put("secured", a.secured());
		return m;
	}

	private static Map<String, Object> relationship(RelationshipDefinition r) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("schemaName", r.schemaName());
		m.put("type", r.type().name());
		if (r.isOneToMany()) {
			m.put("referencedEntity", r.referencedEntity());
			m.put("referencingEntity", r.referencingEntity());
			m.put("referencingAttribute", r.referencingAttribute());
			m.put("hierarchical", r.hierarchical());
			m.put("cascade", r.cascade());
		} else {
			m.put("entity1", r.entity1());
			m.put("entity2", r.entity2());
			m.put("intersectEntity", r.intersectEntity());
		}
		return m;
	}
}
