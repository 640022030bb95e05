package io.rapport.data;

import io.rapport.core.RapportException;

/**
 * A set-based handler's refusal of one record of a bulk message: which record (its context) and why. The pipeline
 * answers it as that record's failure (CreateMultiple names its index), and nothing of the message is written.
 */
public final class RecordFailed extends RuntimeException {

	private final transient PipelineContext context;
	private final RapportException failure;

	public RecordFailed(PipelineContext context, RapportException failure) {
		super(failure.getMessage(), failure, false, false);
		this.context = context;
		this.failure = failure;
	}

	public PipelineContext context() {
		return context;
	}

	public RapportException failure() {
		return failure;
	}
}
