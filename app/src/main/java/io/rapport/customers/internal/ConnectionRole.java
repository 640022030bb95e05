package io.rapport.customers.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.core.RecordRef;

/** What the connection rules need to know of a role: its name, the record types it applies to, whether it is active. */
record ConnectionRole(UUID id, String name, Set<String> recordTypes, boolean active) {

	static ConnectionRole of(EntityRecord record) {
		return new ConnectionRole(record.id(), record.getString("name"),
				recordTypes(record.getString("associatedobjecttypecodes")), Integer.valueOf(0).equals(record.get("statecode")));
	}

	/** The logical names in a role's record types ("account, contact"), in order, without repeats. */
	static Set<String> recordTypes(String value) {
		Set<String> names = new LinkedHashSet<>();
		if (value != null) {
			Arrays.stream(value.split("[,;\\s]+")).map(String::trim).map(String::toLowerCase).filter(s -> !s.isEmpty())
				.forEach(names::add);
		}
		return names;
	}

	/** A role without record types applies to every connectable entity. */
	boolean appliesTo(String entity) {
		return recordTypes.isEmpty() || recordTypes.contains(entity);
	}

	RecordRef ref() {
		return new RecordRef("connectionrole", id);
	}
}
