package io.rapport.activities.internal;

import java.time.OffsetDateTime;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.activities.ActivityType;
import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/** An activity ends no earlier than it starts: its due date, and its actual end. (Durations are at least 0 by metadata.) */
@Component
class ActivitySchedule implements PipelineHandler {

	@Override
	public String entity() {
		return "*";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		if (ActivityType.find(context.entity().logicalName()).isEmpty()) {
			return;
		}
		requireInOrder(context, "scheduledstart", "scheduledend", "is before the start date");
		requireInOrder(context, "actualstart", "actualend", "is before the actual start");
	}

	private static void requireInOrder(PipelineContext context, String start, String end, String refusal) {
		if (!context.target().has(start) && !context.target().has(end)) {
			return;
		}
		if (context.valueAfter(start) instanceof OffsetDateTime s && context.valueAfter(end) instanceof OffsetDateTime e
				&& e.isBefore(s)) {
			throw RapportException.invalid(end, refusal + " (" + s + ")");
		}
	}
}
