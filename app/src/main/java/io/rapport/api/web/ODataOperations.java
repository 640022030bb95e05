package io.rapport.api.web;

import java.util.List;

import org.apache.olingo.commons.api.edm.provider.CsdlAction;
import org.apache.olingo.commons.api.edm.provider.CsdlComplexType;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlEnumType;
import org.apache.olingo.commons.api.edm.provider.CsdlFunction;

/**
 * Declares OData actions and functions in {@code $metadata} (namespace {@link ODataModel#NAMESPACE}). A Spring bean
 * implementing it contributes its operations; unbound ones also get an import in the entity container, so the URI
 * parser knows them. The controller that executes an operation stays the implementer's own.
 */
public interface ODataOperations {

	default List<CsdlAction> actions() {
		return List.of();
	}

	default List<CsdlFunction> functions() {
		return List.of();
	}

	/** Types the operations' parameters and results use, beside the entities of the metadata. */
	default List<CsdlEntityType> entityTypes() {
		return List.of();
	}

	default List<CsdlComplexType> complexTypes() {
		return List.of();
	}

	default List<CsdlEnumType> enumTypes() {
		return List.of();
	}
}
