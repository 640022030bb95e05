package io.rapport.customers;

import java.util.List;
import java.util.function.Supplier;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/**
 * Duplicate detection over the published duplicate rules (Dataverse's RetrieveDuplicates). Only records the principal
 * may read are ever reported. Creates and updates by people are checked by default and refused with
 * {@link DuplicateRecordsFound} when they match; the platform's own writes (the system principal, cascades) are not.
 */
public interface DuplicateDetection {

	/**
	 * The key of {@link io.rapport.data.PipelineContext#shared()} that a handler of an earlier stage sets to
	 * {@code true} to suppress the check for that one message.
	 */
	String SUPPRESS = "SuppressDuplicateDetection";

	/**
	 * Records that may duplicate the given one, by every published rule of its entity. The record need not exist; when
	 * it has an id, that record itself is never reported.
	 */
	List<DuplicateMatch> retrieveDuplicates(Principal principal, EntityRecord record);

	/** Records that may duplicate an existing record, which the principal must be able to read. */
	List<DuplicateMatch> retrieveDuplicates(Principal principal, RecordRef record);

	/** Runs the work with duplicate detection suppressed for the creates and updates it makes on this thread. */
	<T> T suppressed(Supplier<T> work);
}
