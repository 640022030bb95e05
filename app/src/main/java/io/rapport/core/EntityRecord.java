package io.rapport.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The generic value of one record of any entity: the platform layers (pipeline, query, API) move these around.
 * Values are typed Java objects: String, Integer, Long, BigDecimal, Boolean, OffsetDateTime, LocalDate, UUID,
 * {@link RecordRef} for lookups, {@code Set<Integer>} for multi-select choices.
 */
public final class EntityRecord {

	private final String entity;
	private UUID id;
	private final Map<String, Object> values = new LinkedHashMap<>();

	public EntityRecord(String entity) {
		this(entity, null);
	}

	public EntityRecord(String entity, UUID id) {
		this.entity = Objects.requireNonNull(entity, "entity");
		this.id = id;
	}

	public String entity() {
		return entity;
	}

	public UUID id() {
		return id;
	}

	public EntityRecord id(UUID id) {
		this.id = id;
		return this;
	}

	public RecordRef ref() {
		return new RecordRef(entity, id);
	}

	public EntityRecord set(String attribute, Object value) {
		values.put(attribute, value);
		return this;
	}

	public EntityRecord remove(String attribute) {
		values.remove(attribute);
		return this;
	}

	public boolean has(String attribute) {
		return values.containsKey(attribute);
	}

	public Object get(String attribute) {
		return values.get(attribute);
	}

	@SuppressWarnings("unchecked")
	public <T> T get(String attribute, Class<T> type) {
		Object value = values.get(attribute);
		return value == null ? null : (T) type.cast(value);
	}

	public String getString(String attribute) {
		Object value = values.get(attribute);
		return value == null ? null : value.toString();
	}

	/** The row version (optimistic concurrency), or -1 when not known. */
	public long version() {
		Object v = values.get("versionnumber");
		return v instanceof Number n ? n.longValue() : -1;
	}

	public Map<String, Object> values() {
		return Collections.unmodifiableMap(values);
	}

	public EntityRecord copy() {
		EntityRecord copy = new EntityRecord(entity, id);
		copy.values.putAll(values);
		return copy;
	}

	@Override
	public String toString() {
		return entity + "(" + id + ")" + values;
	}
}
