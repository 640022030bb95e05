package io.rapport.query;

import java.util.List;

/**
 * A join to a related entity: {@code from} is an attribute of the parent side, {@code to} an attribute of
 * {@code entity}. Columns of the link come back as {@code alias.attribute}.
 */
public record LinkEntity(String entity, String from, String to, boolean outer, String alias, List<String> columns,
		Criterion filter) {

	public LinkEntity {
		columns = columns == null ? List.of() : List.copyOf(columns);
	}
}
