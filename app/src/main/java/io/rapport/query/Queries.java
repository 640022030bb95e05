package io.rapport.query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/** Runs queries. Every call takes a principal and every compiled query carries its access predicate. */
public interface Queries {

	/** Counts are exact up to this many rows and flagged as capped beyond. */
	int COUNT_CAP = 5000;

	RecordPage execute(Principal principal, Query query);

	/** Exact count up to {@link #COUNT_CAP}; returns COUNT_CAP + 1 when there are more. */
	long count(Principal principal, Query query);

	/** One record by id with the given columns (all when empty), if it exists and the principal may read it. */
	Optional<EntityRecord> retrieve(Principal principal, String entity, UUID id, List<String> columns);

	/**
	 * The records related to {@code record} through an N:N relationship that the principal may read (for a
	 * self-referencing relationship: those the record was associated with).
	 */
	List<RecordRef> related(Principal principal, RecordRef record, String relationship);

	/** The SQL the query compiles to, with inlined values: for diagnostics and for the benchmark's raw side. */
	String sql(Principal principal, Query query);
}
