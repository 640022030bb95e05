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
}
