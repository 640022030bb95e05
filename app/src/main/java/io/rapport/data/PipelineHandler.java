package io.rapport.data;

import java.util.Set;

/**
 * A typed rule that a module adds to the pipeline for one entity (or {@code "*"} for every entity) and some messages.
 * Register it as a Spring bean.
 */
public interface PipelineHandler {

	/** The entity logical name this handler applies to, or {@code "*"} for all. */
	String entity();

	Set<Message> messages();

	Stage stage();

	/** Handlers of the same stage run in ascending order. */
	default int order() {
		return 0;
	}

	void handle(PipelineContext context);

	/**
	 * The set-based form, used by bulk messages (CreateMultiple): the contexts of several records of the same stage, in
	 * order. Handles each by default; a handler that reads or writes rows may override it to do so once for all (and
	 * refuses one record by throwing {@link RecordFailed} with its context).
	 */
	default void handleAll(java.util.List<PipelineContext> contexts) {
		for (PipelineContext context : contexts) {
			try {
				handle(context);
			} catch (io.rapport.core.RapportException e) {
				throw new RecordFailed(context, e);
			}
		}
	}
}
