package io.rapport.core;

import java.util.List;

/**
 * A problem the caller can act on. Carries an HTTP-like status, a stable code, a message written for people and,
 * where one attribute is at fault, its name. Never carries SQL or exception class names to the caller.
 */
public class RapportException extends RuntimeException {

	private final int status;
	private final String code;
	private final List<AttributeError> errors;

	public RapportException(int status, String code, String message) {
		this(status, code, message, List.of());
	}

	public RapportException(int status, String code, String message, List<AttributeError> errors) {
		super(message);
		this.status = status;
		this.code = code;
		this.errors = List.copyOf(errors);
	}

	public int status() {
		return status;
	}

	public String code() {
		return code;
	}

	/** One entry per attribute at fault (may be empty). */
	public List<AttributeError> errors() {
		return errors;
	}

	/** What is wrong with one attribute. */
	public record AttributeError(String attribute, String message) {
	}

	public static RapportException notFound(String entity, Object id) {
		return new RapportException(404, "RecordNotFound", entity + " with id " + id + " does not exist or you have no access to it.");
	}

	public static RapportException invalid(String attribute, String message) {
		return new RapportException(400, "InvalidAttribute", attribute + ": " + message, List.of(new AttributeError(attribute, message)));
	}

	public static RapportException invalid(List<AttributeError> errors) {
		String message = errors.size() == 1 ? errors.get(0).attribute() + ": " + errors.get(0).message()
				: "The record has " + errors.size() + " invalid attributes: " + errors.stream().map(AttributeError::attribute).toList();
		return new RapportException(400, "InvalidAttribute", message, errors);
	}

	public static RapportException conflict(String code, String message) {
		return new RapportException(409, code, message);
	}

	public static RapportException forbidden(String message) {
		return new RapportException(403, "AccessDenied", message);
	}
}
