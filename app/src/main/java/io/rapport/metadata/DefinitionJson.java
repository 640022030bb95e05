package io.rapport.metadata;

import io.rapport.metadata.EntitySpec.AttributeSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads definitions strictly: an unknown field, a wrong type or a bad enum value is refused with the source and the
 * path of the field, whether the definition comes from a resource file or an admin's request.
 */
public final class DefinitionJson {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private DefinitionJson() {
	}

	public static EntitySpec entity(String source, byte[] json) {
		return read(source, json, EntitySpec.class);
	}

	public static AttributeSpec attribute(String source, byte[] json) {
		return read(source, json, AttributeSpec.class);
	}

	public static String write(Object spec) {
		return JSON.writeValueAsString(spec);
	}

	private static <T> T read(String source, byte[] json, Class<T> type) {
		if (json == null || json.length == 0) {
			throw new InvalidDefinitionException(source, "(document)", "is empty");
		}
		try {
			T value = JSON.readValue(json, type);
			if (value == null) {
				throw new InvalidDefinitionException(source, "(document)", "is empty");
			}
			return value;
		} catch (JacksonException e) {
			throw new InvalidDefinitionException(source, path(e), e.getOriginalMessage());
		}
	}

	private static String path(JacksonException e) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : e.getPath()) {
			if (ref.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
			} else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "(document)" : path.toString();
	}
}
