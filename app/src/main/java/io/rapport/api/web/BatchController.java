package io.rapport.api.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;

import io.rapport.api.web.BatchBody.ChangeSet;
import io.rapport.api.web.BatchBody.Operation;
import io.rapport.core.RapportException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OData {@code $batch}: up to {@value #MAX_REQUESTS} requests in one multipart/mixed body. Each request is served by
 * the application's own dispatcher as the batch's user, so every endpoint behaves — and checks access — as when
 * called alone. A change set runs in one database transaction: the first failed request rolls it back and is the
 * change set's response. {@code Content-ID} values of created records can be referenced as {@code $n} in later URLs
 * and {@code @odata.bind} values.
 */
@RestController
@RequestMapping("/api/data/v9.2")
class BatchController {

	static final int MAX_REQUESTS = 1000;
	private static final String ROOT = "/api/data/v9.2";
	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
	private static final Logger log = LoggerFactory.getLogger(BatchController.class);
	private static final Pattern REFERENCE = Pattern.compile("^\\$([A-Za-z0-9_.\\-]+)(.*)$");
	private static final Pattern BODY_REFERENCE = Pattern.compile("\"\\$([A-Za-z0-9_.\\-]+)(?=[\"/])");

	private final ObjectProvider<DispatcherServlet> dispatcher;
	private final TransactionTemplate tx;

	BatchController(ObjectProvider<DispatcherServlet> dispatcher, TransactionTemplate tx) {
		this.dispatcher = dispatcher;
		this.tx = tx;
	}

	private record Result(Operation operation, int status, Map<String, List<String>> headers, byte[] body) {

		boolean failed() {
			return status >= 400;
		}
	}

	@PostMapping("/$batch")
	ResponseEntity<byte[]> batch(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		List<Object> items = BatchBody.parse(request.getContentType(), body);
		int count = BatchBody.count(items);
		if (count > MAX_REQUESTS) {
			throw new RapportException(400, "TooManyRequests", "The batch holds " + count + " requests; the limit is "
					+ MAX_REQUESTS + " per $batch. Send them in several batches.");
		}
		String prefer = request.getHeader("Prefer");
		boolean continueOnError = prefer != null && prefer.toLowerCase().contains("odata.continue-on-error");
		Map<String, String> references = new HashMap<>();
		String boundary = "batchresponse_" + UUID.randomUUID();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object item : items) {
			boolean failed;
			if (item instanceof ChangeSet changeSet) {
				List<Result> results = changeSet(request, response, changeSet, references);
				failed = results.size() == 1 && results.get(0).failed();
				if (failed) {
					writeOperation(out, boundary, results.get(0));
				} else {
					writeChangeSet(out, boundary, results);
				}
			} else {
				Result result = execute(request, response, (Operation) item, references);
				failed = result.failed();
				writeOperation(out, boundary, result);
			}
			if (failed && !continueOnError) {
				break;
			}
		}
		write(out, "--" + boundary + "--\r\n");
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("multipart/mixed; boundary=" + boundary))
			.header("OData-Version", "4.0")
			.body(out.toByteArray());
	}

	/** The change set's responses, or only the response of the request that failed it. */
	private List<Result> changeSet(HttpServletRequest request, HttpServletResponse response, ChangeSet changeSet,
			Map<String, String> references) {
		Map<String, String> before = new HashMap<>(references);
		List<Result> results = tx.execute(status -> {
			List<Result> done = new ArrayList<>();
			for (Operation operation : changeSet.operations()) {
				Result result = execute(request, response, operation, references);
				if (result.failed()) {
					status.setRollbackOnly();
					return List.of(result);
				}
				done.add(result);
			}
			return done;
		});
		if (results.size() == 1 && results.get(0).failed()) {
			references.clear();
			references.putAll(before);
		}
		return results;
	}

	private Result execute(HttpServletRequest batch, HttpServletResponse response, Operation operation,
			Map<String, String> references) {
		CapturedResponse captured = new CapturedResponse(response);
		try {
			String url = resolve(operation.url(), references);
			int q = url.indexOf('?');
			String path = q < 0 ? url : url.substring(0, q);
			if (!path.startsWith(ROOT + "/") || path.equals(ROOT + "/$batch")) {
				throw new RapportException(400, "InvalidBatch", "The request URL " + operation.url()
						+ " is not a resource of the service " + ROOT + "/ (a nested $batch is not allowed).");
			}
			String body = operation.body() == null ? null : resolveBody(operation.body(), references);
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			headers.putAll(operation.headers());
			if (body != null && !headers.containsKey("content-type")) {
				headers.put("content-type", MediaType.APPLICATION_JSON_VALUE);
			}
			headers.putIfAbsent("accept", MediaType.APPLICATION_JSON_VALUE);
			InnerRequest inner = new InnerRequest(batch, operation.method(), path, q < 0 ? null : url.substring(q + 1),
					headers, body);
			dispatcher.getObject().service(inner, captured);
		} catch (RapportException e) {
			return error(operation, e.status(), e.code(), e.getMessage());
		} catch (Exception e) {
			log.error("Unexpected failure serving {} {} inside a $batch", operation.method(), operation.url(), e);
			return error(operation, 500, "InternalError", "Something went wrong on the server; the error has been logged.");
		}
		Result result = new Result(operation, captured.status(), captured.headers(), captured.body());
		if (!result.failed() && operation.contentId() != null) {
			String entityId = captured.getHeader("OData-EntityId");
			if (entityId == null) {
				entityId = captured.getHeader("Location");
			}
			if (entityId != null) {
				references.put(operation.contentId(), path(entityId));
			}
		}
		return result;
	}

	private static Result error(Operation operation, int status, String code, String message) {
		String json = "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.put("Content-Type", List.of(MediaType.APPLICATION_JSON_VALUE));
		return new Result(operation, status, headers, json.getBytes(StandardCharsets.UTF_8));
	}

	private static String quote(String s) {
		return JSON.writeValueAsString(s);
	}

	/** The URL as a path from the context root: {@code $1…} resolved, absolute URLs cut, relative ones under the root. */
	private static String resolve(String url, Map<String, String> references) {
		Matcher m = REFERENCE.matcher(url);
		if (m.matches()) {
			String target = references.get(m.group(1));
			if (target == null) {
				throw new RapportException(400, "InvalidBatch", "The reference $" + m.group(1)
						+ " names no earlier request of this batch that created a record (its Content-ID).");
			}
			return target + m.group(2);
		}
		if (url.startsWith("http://") || url.startsWith("https://")) {
			URI uri = URI.create(url);
			return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		}
		return url.startsWith("/") ? url : ROOT + "/" + url;
	}

	private static String resolveBody(String body, Map<String, String> references) {
		Matcher m = BODY_REFERENCE.matcher(body);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String target = references.get(m.group(1));
			m.appendReplacement(out, Matcher.quoteReplacement(target == null ? m.group() : "\"" + target));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static String path(String entityId) {
		return entityId.startsWith("http://") || entityId.startsWith("https://") ? URI.create(entityId).getRawPath() : entityId;
	}

	private static void writeChangeSet(ByteArrayOutputStream out, String boundary, List<Result> results) {
		String changeSet = "changesetresponse_" + UUID.randomUUID();
		write(out, "--" + boundary + "\r\nContent-Type: multipart/mixed; boundary=" + changeSet + "\r\n\r\n");
		for (Result r : results) {
			writeOperation(out, changeSet, r);
		}
		write(out, "--" + changeSet + "--\r\n");
	}

	private static void writeOperation(ByteArrayOutputStream out, String boundary, Result r) {
		StringBuilder head = new StringBuilder();
		head.append("--").append(boundary).append("\r\n");
		head.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
		if (r.operation().contentId() != null) {
			head.append("Content-ID: ").append(r.operation().contentId()).append("\r\n");
		}
		HttpStatus status = HttpStatus.resolve(r.status());
		head.append("\r\nHTTP/1.1 ").append(r.status()).append(' ').append(status == null ? "" : status.getReasonPhrase()).append("\r\n");
		r.headers().forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
		head.append("\r\n");
		write(out, head.toString());
		out.writeBytes(r.body());
		write(out, "\r\n");
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}
}
