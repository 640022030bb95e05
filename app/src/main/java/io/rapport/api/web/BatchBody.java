package io.rapport.api.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rapport.core.RapportException;

/**
 * The body of an OData {@code $batch} request (multipart/mixed): operations, each an {@code application/http} part
 * holding one HTTP request, and change sets, nested multipart/mixed parts whose operations succeed or fail together.
 */
final class BatchBody {

	private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");
	private static final Pattern REQUEST_LINE = Pattern.compile("^([A-Za-z]+)\\s+(\\S+)(?:\\s+HTTP/\\d(?:\\.\\d)?)?$");

	/** One request of the batch. Header names are case-insensitive. */
	record Operation(String method, String url, Map<String, String> headers, String body, String contentId) {
	}

	/** A change set: its operations, all applied or none. */
	record ChangeSet(List<Operation> operations) {
	}

	private BatchBody() {
	}

	/** Each element is an {@link Operation} or a {@link ChangeSet}, in the order of the body. */
	static List<Object> parse(String contentType, String body) {
		String boundary = boundary(contentType, "the $batch request's Content-Type");
		List<Object> items = new ArrayList<>();
		for (Part part : parts(body, boundary)) {
			String type = part.headers().getOrDefault("content-type", "");
			if (type.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
				List<Operation> operations = new ArrayList<>();
				for (Part inner : parts(part.content(), boundary(type, "a change set's Content-Type"))) {
					Operation operation = operation(inner);
					if (operation.method().equals("GET")) {
						throw invalid("a change set may hold only writes (POST, PATCH, PUT, DELETE), not GET "
								+ operation.url() + "; put reads outside change sets");
					}
					operations.add(operation);
				}
				items.add(new ChangeSet(operations));
			} else {
				items.add(operation(part));
			}
		}
		return items;
	}

	static int count(List<Object> items) {
		return items.stream().mapToInt(i -> i instanceof ChangeSet c ? c.operations().size() : 1).sum();
	}

	private record Part(Map<String, String> headers, String content) {
	}

	private static String boundary(String contentType, String where) {
		Matcher m = contentType == null ? null : BOUNDARY.matcher(contentType);
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed") || !m.find()) {
			throw invalid(where + " must be multipart/mixed with a boundary, e.g. multipart/mixed; boundary=batch_1");
		}
		return m.group(1).trim();
	}

	/** The parts between the boundary's delimiter lines; text before the first and after the last is ignored. */
	private static List<Part> parts(String body, String boundary) {
		String delimiter = "--" + boundary;
		List<Part> parts = new ArrayList<>();
		List<String> current = null;
		boolean closed = false;
		for (String line : body.split("\r?\n", -1)) {
			String trimmed = line.stripTrailing();
			if (trimmed.equals(delimiter) || trimmed.equals(delimiter + "--")) {
				if (current != null) {
					parts.add(part(current));
				}
				current = trimmed.equals(delimiter) ? new ArrayList<>() : null;
				if (current == null) {
					closed = true;
					break;
				}
			} else if (current != null) {
				current.add(line);
			}
		}
		if (!closed) {
			throw invalid("the multipart body does not end with the closing delimiter --" + boundary + "--");
		}
		return parts;
	}

	private static Part part(List<String> lines) {
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		int i = 0;
		for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
			String line = lines.get(i);
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw invalid("'" + line + "' is not a header line (Name: value)");
			}
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		List<String> rest = lines.subList(Math.min(i + 1, lines.size()), lines.size());
		return new Part(headers, String.join("\n", rest));
	}

	private static Operation operation(Part part) {
		String type = part.headers().getOrDefault("content-type", "");
		if (!type.toLowerCase(Locale.ROOT).startsWith("application/http")) {
			throw invalid("each part must be Content-Type: application/http (or a multipart/mixed change set), not '" + type + "'");
		}
		List<String> lines = new ArrayList<>(Arrays.asList(part.content().split("\n", -1)));
		while (!lines.isEmpty() && lines.get(0).isBlank()) {
			lines.remove(0);
		}
		if (lines.isEmpty()) {
			throw invalid("a part holds no request line such as 'GET accounts HTTP/1.1'");
		}
		Matcher m = REQUEST_LINE.matcher(lines.get(0).trim());
		if (!m.matches()) {
			throw invalid("'" + lines.get(0).trim() + "' is not a request line such as 'POST accounts HTTP/1.1'");
		}
		Part request = part(lines.subList(1, lines.size()));
		String body = request.content().strip();
		String contentId = part.headers().getOrDefault("content-id", request.headers().get("content-id"));
		return new Operation(m.group(1).toUpperCase(Locale.ROOT), m.group(2), request.headers(), body.isEmpty() ? null : body,
				contentId);
	}

	private static RapportException invalid(String message) {
		return new RapportException(400, "InvalidBatch", "The $batch body is not valid: " + message + ".");
	}
}
