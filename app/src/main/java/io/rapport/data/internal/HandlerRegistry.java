package io.rapport.data.internal;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/**
 * Every pipeline handler the modules registered, run in stage and order. Handlers are looked up on first use, so a
 * handler may itself use the record pipeline (to keep related records in step) without a circular dependency.
 */
@Component
class HandlerRegistry {

	private final ObjectProvider<PipelineHandler> provider;
	private volatile List<PipelineHandler> handlers;

	HandlerRegistry(ObjectProvider<PipelineHandler> provider) {
		this.provider = provider;
	}

	void run(Stage stage, PipelineContext context) {
		String entity = context.entity().logicalName();
		Message message = context.message();
		for (PipelineHandler h : handlers()) {
			if (h.stage() == stage && h.messages().contains(message)
					&& (h.entity().equals("*") || h.entity().equals(entity))) {
				h.handle(context);
			}
		}
	}

	/** Runs each handler, in order, over the contexts it applies to (the set-based form of {@link #run}). */
	void runAll(Stage stage, List<PipelineContext> contexts) {
		for (PipelineHandler h : handlers()) {
			if (h.stage() != stage) {
				continue;
			}
			List<PipelineContext> matching = contexts.stream()
				.filter(c -> h.messages().contains(c.message())
						&& (h.entity().equals("*") || h.entity().equals(c.entity().logicalName())))
				.toList();
			if (!matching.isEmpty()) {
				h.handleAll(matching);
			}
		}
	}

	private List<PipelineHandler> handlers() {
		List<PipelineHandler> list = handlers;
		if (list == null) {
			list = provider.orderedStream().sorted(Comparator.comparingInt(PipelineHandler::order)).toList();
			handlers = list;
		}
		return list;
	}
}
