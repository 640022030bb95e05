package io.rapport.customers;

import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/**
 * The connections of a record, read from its side. A connection is created, changed and deleted as the record
 * {@code connection} through the record pipeline, which keeps its reciprocal row in step.
 */
public interface Connections {

	/**
	 * The connections of a record that the principal may read, oldest first. A connection whose other record the
	 * principal may not read is left out entirely, so the list never reveals a record the reader cannot see.
	 * Refused with 404 when the principal may not read the record itself.
	 */
	ConnectionPage of(Principal principal, RecordRef record, int pageSize, String cursor);
}
