package io.rapport.activities.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.activities.ActivityType;
import io.rapport.core.EntityRecord;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/**
 * Completing an activity records who completed it and when, and ends it now unless its actual end was given;
 * reopening it forgets who completed it.
 */
@Component
class ActivityCompletion implements PipelineHandler {

	@Override
	public String entity() {
		return "*";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.SetState);
	}

	@Override
	public Stage stage() {
		return Stage.PreOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		if (ActivityType.find(context.entity().logicalName()).isEmpty()) {
			return;
		}
		EntityRecord target = context.target();
		Integer after = target.get("statecode", Integer.class);
		Integer before = context.preImage() == null ? null : context.preImage().get("statecode", Integer.class);
		if (after != null && after == ActivityType.COMPLETED && !ActivityType.closed(before)) {
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
			target.set("completedby", new RecordRef("systemuser", context.principal().userId()));
			target.set("completedon", now);
			if (context.valueAfter("actualend") == null) {
				OffsetDateTime start = (OffsetDateTime) context.valueAfter("actualstart");
				target.set("actualend", start != null && start.isAfter(now) ? start : now);
			}
		} else if (ActivityType.closed(before) && !ActivityType.closed(after)) {
			target.set("completedby", null);
			target.set("completedon", null);
		}
	}
}
