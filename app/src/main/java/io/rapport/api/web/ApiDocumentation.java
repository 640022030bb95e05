package io.rapport.api.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of the non-OData endpoints (admin, tokens, security, customers, activities, jobs, audit…):
 * who may call them and the RFC 9457 problem details every one of them may answer with. The OData Web API under
 * /api/data is described by its $metadata document instead (springdoc.paths-to-exclude).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String PROBLEM = "ProblemDetail";

	private static final Map<String, String> ERRORS = errors();

	private static Map<String, String> errors() {
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put("400", "The request is not valid; `errors` names each attribute or parameter at fault.");
		errors.put("401", "Not signed in: send an API token as `Authorization: Bearer <token>`, or HTTP Basic credentials.");
		errors.put("403", "You do not have the privilege for this operation or record.");
		errors.put("404", "The record does not exist or you may not read it.");
		errors.put("409", "The change conflicts with the record's current state (duplicates, concurrent changes).");
		errors.put("429", "Too many requests: wait the seconds the `Retry-After` header says.");
		errors.put("500", "Something went wrong on the server; nothing was changed.");
		return errors;
	}

	@Bean
	OpenAPI rapportOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Rapport CRM API").version("v1")
				.description("Administration, sharing, customers, activities, jobs and audit. Records of every entity are served "
						+ "by the OData Web API at /api/data/v9.2 (Dataverse's URLs and payloads), described by its $metadata "
						+ "document, not here. Errors are RFC 9457 problem details (application/problem+json).")
				.license(new License().name("Open source")))
			.components(new Components()
				.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
					.description("A personal API token from /api/tokens"))
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

	/** Adds the problem-details schema, and the error answers to every operation that does not declare its own. */
	@Bean
	OpenApiCustomizer problemDetails() {
		return api -> {
			if (api.getComponents() == null) {
				api.setComponents(new Components());
			}
			api.getComponents().addSchemas(PROBLEM, problemSchema());
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocumentation::addErrors));
		};
	}

	private static void addErrors(Operation operation) {
		ERRORS.forEach((status, description) -> {
			if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
				operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
					.content(new Content().addMediaType("application/problem+json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
			}
		});
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		ObjectSchema attributeError = new ObjectSchema();
		attributeError.addProperty("attribute", new StringSchema().description("The attribute or parameter at fault"));
		attributeError.addProperty("message", new StringSchema());
		ObjectSchema problem = new ObjectSchema();
		problem.description("RFC 9457 problem details");
		problem.addProperty("type", new StringSchema().format("uri").example("https://rapport.io/problems/InvalidAttribute"));
		problem.addProperty("title", new StringSchema().example("Bad Request"));
		problem.addProperty("status", new IntegerSchema().example(400));
		problem.addProperty("detail", new StringSchema().example("name: is required"));
		problem.addProperty("instance", new StringSchema().format("uri-reference"));
		problem.addProperty("code", new StringSchema().description("A stable code for programs").example("InvalidAttribute"));
		problem.addProperty("errors", new ArraySchema().items(attributeError));
		return problem;
	}
}
