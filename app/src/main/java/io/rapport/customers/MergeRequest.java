package io.rapport.customers;

import java.util.Map;
import java.util.Set;

import io.rapport.core.RecordRef;

/**
 * Dataverse's Merge: the subordinate is merged into the target.
 *
 * @param values          values to set on the target (Dataverse's UpdateContent), as attribute → value
 * @param fromSubordinate attributes whose value the target takes from the subordinate
 */
public record MergeRequest(RecordRef target, RecordRef subordinate, Map<String, Object> values, Set<String> fromSubordinate) {

	public MergeRequest {
		values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
		fromSubordinate = fromSubordinate == null ? Set.of() : Set.copyOf(fromSubordinate);
	}
}
