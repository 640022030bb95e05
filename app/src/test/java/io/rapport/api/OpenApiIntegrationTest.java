package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/** The OpenAPI description covers the non-OData endpoints, with problem details as their errors, and leaves OData to $metadata. */
@RapportTest
class OpenApiIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void apiDocsListTheNonODataEndpointsWithProblemDetailErrorsAndNotTheODataApi() {
		Api.Response docs = new Api(port, null, null).get("/v3/api-docs");
		assertThat(docs.status()).as(docs.body()).isEqualTo(200);
		Map<String, Object> api = docs.json();
		assertThat((String) api.get("openapi")).startsWith("3.");
		Map<String, Object> paths = (Map<String, Object>) api.get("paths");
		assertThat(paths).containsKeys("/api/tokens", "/api/admin/entities", "/api/security/records/{entity}/{id}/shares",
				"/api/customers/merge", "/api/jobs/{id}", "/api/audit/{entity}/{id}");
		assertThat(paths.keySet()).noneMatch(p -> p.startsWith("/api/data")).noneMatch(p -> !p.startsWith("/api/"));

		Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) api.get("components")).get("schemas");
		Map<String, Object> problem = (Map<String, Object>) schemas.get("ProblemDetail");
		assertThat((Map<String, Object>) problem.get("properties")).containsKeys("type", "title", "status", "detail", "code", "errors");

		Map<String, Object> createToken = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/tokens")).get("post");
		Map<String, Object> responses = (Map<String, Object>) createToken.get("responses");
		assertThat(responses).containsKeys("400", "401", "403", "429");
		Map<String, Object> badRequest = (Map<String, Object>) ((Map<String, Object>) responses.get("400")).get("content");
		assertThat(badRequest.toString()).contains("application/problem+json").contains("#/components/schemas/ProblemDetail");
		paths.values().forEach(path -> ((Map<String, Object>) path).values().forEach(operation -> assertThat(
				((Map<String, Object>) ((Map<String, Object>) operation).get("responses")).get("401")).isNotNull()));

		Api.Response ui = new Api(port, null, null).get("/swagger-ui/index.html");
		assertThat(ui.status()).isEqualTo(200);
	}
}
