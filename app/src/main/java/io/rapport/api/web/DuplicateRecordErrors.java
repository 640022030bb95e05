package io.rapport.api.web;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.rapport.customers.DuplicateRecordsFound;
import jakarta.servlet.http.HttpServletRequest;

/** A refused duplicate answers like any problem, and lists the records it may duplicate (those the caller may read). */
@RestControllerAdvice(basePackages = "io.rapport.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DuplicateRecordErrors {

	@ExceptionHandler(DuplicateRecordsFound.class)
	@SuppressWarnings("unchecked")
	ResponseEntity<Object> duplicates(DuplicateRecordsFound e, HttpServletRequest request) {
		ResponseEntity<Object> response = ApiErrors.respond(request, e.status(), e.code(), e.getMessage(), e.errors());
		Object listed = DuplicatesController.json(e.matches());
		if (response.getBody() instanceof ProblemDetail problem) {
			problem.setProperty("duplicates", listed);
		} else if (response.getBody() instanceof Map<?, ?> body && body.get("error") instanceof Map<?, ?> error) {
			((Map<String, Object>) error).put("duplicates", listed);
		}
		return response;
	}
}
