package io.rapport.metadata;

import java.util.List;

import io.rapport.core.RapportException;

/** A metadata definition is not valid: names the source (file or request) and the field at fault. */
public class InvalidDefinitionException extends RapportException {

	private final String source;
	private final String field;

	public InvalidDefinitionException(String source, String field, String message) {
		super(400, "InvalidDefinition", source + ": " + field + ": " + message,
				List.of(new AttributeError(field, message)));
		this.source = source;
		this.field = field;
	}

	public String source() {
		return source;
	}

	public String field() {
		return field;
	}
}
