package io.rapport.api.web;

import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the controllers of bound and unbound actions: their mappings are more specific than the OData
 * router's catch-all, so they must win ({@link OperationMappingsIntegrationTest}).
 */
@RestController
class OperationMappingsProbe {

	@PostMapping("/api/data/v9.2/{set}/Microsoft.Dynamics.CRM.RapportProbe")
	Map<String, Object> bound(@PathVariable String set) {
		return Map.of("bound", set);
	}

	@PostMapping("/api/data/v9.2/RapportProbe")
	Map<String, Object> unbound() {
		return Map.of("unbound", true);
	}
}
