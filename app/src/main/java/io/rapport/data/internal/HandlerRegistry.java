package io.rapport.data.internal;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/** Every pipeline handler the modules registered, run in stage and order. */
@Component
class HandlerRegistry {

	private final List<PipelineHandler> handlers;

	HandlerRegistry(List<PipelineHandler> handlers) {
		this.handlers = handlers.stream().sorted(Comparator.comparingInt(PipelineHandler::order)).toList();
	}

	void run(Stage stage, PipelineContext context) {
		String entity = context.entity().logicalName();
		Message message = context.message();
		for (PipelineHandler h : handlers) {
			if (h.stage() == stage && h.messages().contains(message)
					&& (h.entity().equals("*") || h.entity().equals(entity))) {
				h.handle(context);
			}
		}
	}
}
