package io.rapport.api.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.rapport.core.RapportException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure of an API call into a clear answer: Dataverse's {@code {"error":{"code","message"}}} under
 * {@code /api/data}, RFC 9457 problem details elsewhere. Never a stack trace, an exception name or SQL. Ahead of the
 * framework's generic problem details (only the duplicate-records advice, which adds to an error, comes first).
 */
@RestControllerAdvice(basePackages = "io.rapport.api")
// After the advices for particular problems (DuplicateRecordErrors), before Boot's ProblemDetailsExceptionHandler,
// which would answer an unreadable body in its own shape.
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
	private static final String PROBLEM_TYPES = "https://rapport.io/problems/";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ExceptionHandler(RapportException.class)
	ResponseEntity<Object> rapport(RapportException e, HttpServletRequest request) {
		ResponseEntity<Object> answer = respond(request, e.status(), e.code(), e.getMessage(), e.errors());
		if (e instanceof MethodNotAllowed m) {
			return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header("Allow", m.allow())
				.body(answer.getBody());
		}
		return answer;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimit.RequestTooLarge tooLarge) {
				return tooLarge(tooLarge, request);
			}
		}
		return respond(request, 400, "InvalidJson", "The request body is not valid JSON of the expected shape.", List.of());
	}

	@ExceptionHandler(RequestSizeLimit.RequestTooLarge.class)
	ResponseEntity<Object> tooLarge(RequestSizeLimit.RequestTooLarge e, HttpServletRequest request) {
		return respond(request, 413, "RequestTooLarge", e.getMessage(), List.of());
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ResponseEntity<Object> badParameter(Exception e, HttpServletRequest request) {
		String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
				: ((MissingServletRequestParameterException) e).getParameterName();
		return respond(request, 400, "InvalidParameter", "The parameter '" + name + "' is missing or not valid.",
				List.of(new RapportException.AttributeError(name, "missing or not valid")));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
		return respond(request, 405, "MethodNotAllowed", "The method " + e.getMethod() + " is not allowed here.", List.of());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
		return respond(request, 415, "UnsupportedMediaType", "Send the request body as application/json.", List.of());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<Object> noResource(NoResourceFoundException e, HttpServletRequest request) {
		return respond(request, 404, "NotFound", "There is nothing at " + request.getRequestURI() + ".", List.of());
	}

	@ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
	ResponseEntity<Object> denied(Exception e, HttpServletRequest request) {
		return respond(request, 403, "AccessDenied", "You do not have the privilege for this operation.", List.of());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
		log.error("Unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
		return respond(request, 500, "InternalError",
				"Something went wrong on the server; nothing was changed. The error has been logged.", List.of());
	}

	static ResponseEntity<Object> respond(HttpServletRequest request, int status, String code, String message,
			List<RapportException.AttributeError> errors) {
		if (dataverse(request)) {
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
				.body(dataverseBody(code, message, errors));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), message);
		problem.setType(URI.create(PROBLEM_TYPES + code));
		problem.setProperty("code", code);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors.stream().map(a -> Map.of("attribute", a.attribute(), "message", a.message())).toList());
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * Writes the same answer as {@link #respond} straight to the response, for failures outside Spring MVC's handlers
	 * (sign-in, the security chain's checks, service protection).
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String message)
			throws IOException {
		write(request, response, status, code, message, List.of());
	}

	/**
	 * As {@link #rapport} and {@link #unexpected} answer a failure of a handler method, for a handler outside them
	 * (the record read route): a {@link RapportException} with its status, anything else logged and a 500.
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, RuntimeException e) throws IOException {
		if (e instanceof RapportException r) {
			write(request, response, r.status(), r.code(), r.getMessage(), r.errors());
			return;
		}
		log.error("Unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
		write(request, response, 500, "InternalError",
				"Something went wrong on the server; nothing was changed. The error has been logged.", List.of());
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
			String message, List<RapportException.AttributeError> errors) throws IOException {
		Object body;
		if (dataverse(request)) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			body = dataverseBody(code, message, errors);
		} else {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", PROBLEM_TYPES + code);
			problem.put("title", HttpStatus.valueOf(status).getReasonPhrase());
			problem.put("status", status);
			problem.put("detail", message);
			problem.put("instance", request.getRequestURI());
			problem.put("code", code);
			if (!errors.isEmpty()) {
				problem.put("errors", errors.stream().map(a -> Map.of("attribute", a.attribute(), "message", a.message())).toList());
			}
			body = problem;
		}
		// UTF-8 bytes without a charset parameter, as JSON is (RFC 8259) and as the handlers' answers are typed
		byte[] bytes = JSON.writeValueAsBytes(body);
		response.setStatus(status);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.getOutputStream().flush();
	}

	/** Whether the request is to the Dataverse-shaped Web API, whose errors use Dataverse's shape. */
	static boolean dataverse(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/data/");
	}

	private static Map<String, Object> dataverseBody(String code, String message, List<RapportException.AttributeError> errors) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		if (!errors.isEmpty()) {
			error.put("details", errors.stream().map(a -> Map.of("target", a.attribute(), "message", a.message())).toList());
		}
		return Map.of("error", error);
	}
}
