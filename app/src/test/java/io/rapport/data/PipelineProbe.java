package io.rapport.data;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Test handlers at every stage, and a listener for committed changes. The handlers do whatever the running test
 * asks through {@link #on}, and nothing otherwise; tests act only on records they made, so classes that import the
 * probe can share one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PipelineProbe {

	/** What a probe handler saw: its stage and order, and the message's context. */
	public record Call(Stage stage, int order, PipelineContext context) {
	}

	private volatile Consumer<Call> action = call -> {
	};

	private final List<RecordChanged> committed = new CopyOnWriteArrayList<>();

	/** Runs {@code action} in every probe handler until {@link #reset}. */
	public void on(Consumer<Call> action) {
		this.action = action;
	}

	public void reset() {
		action = call -> {
		};
		committed.clear();
	}

	/** Changes published by messages whose transaction committed, in order. */
	public List<RecordChanged> committed() {
		return List.copyOf(committed);
	}

	@TransactionalEventListener
	void afterCommit(RecordChanged event) {
		committed.add(event);
	}

	@Bean
	PipelineHandler probeAtValidate() {
		return handler(Stage.Validate, 0);
	}

	@Bean
	PipelineHandler probeEarlyAtPreOperation() {
		return handler(Stage.PreOperation, -10);
	}

	@Bean
	PipelineHandler probeLateAtPreOperation() {
		return handler(Stage.PreOperation, 10);
	}

	@Bean
	PipelineHandler probeAtPostOperation() {
		return handler(Stage.PostOperation, 0);
	}

	/** The one probe handler for a single entity. */
	@Bean
	PipelineHandler probeForContactsAtValidate() {
		return handler("contact", Stage.Validate, 5);
	}

	private PipelineHandler handler(Stage stage, int order) {
		return handler("*", stage, order);
	}

	private PipelineHandler handler(String entity, Stage stage, int order) {
		return new PipelineHandler() {

			@Override
			public String entity() {
				return entity;
			}

			@Override
			public Set<Message> messages() {
				return Set.of(Message.values());
			}

			@Override
			public Stage stage() {
				return stage;
			}

			@Override
			public int order() {
				return order;
			}

			@Override
			public void handle(PipelineContext context) {
				action.accept(new Call(stage, order, context));
			}
		};
	}
}
