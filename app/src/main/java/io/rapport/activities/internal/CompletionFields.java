package io.rapport.activities.internal;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.activities.ActivityType;
import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/** Who completed an activity and when are recorded by completing it, never written by hand. */
@Component
class CompletionFields implements PipelineHandler {

	private static final Set<String> RECORDED = Set.of("completedby", "completedon");

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
		if (ActivityType.find(context.entity().logicalName()).isEmpty() || context.principal().isSystem()) {
			return;
		}
		for (String attribute : RECORDED) {
			if (!context.target().has(attribute)) {
				continue;
			}
			Object given = context.target().get(attribute);
			Object current = context.preImage() == null ? null : context.preImage().get(attribute);
			boolean same = given instanceof OffsetDateTime g && current instanceof OffsetDateTime c ? g.isEqual(c)
					: Objects.equals(given, current);
			if (!same) {
				throw RapportException.invalid(attribute, "is recorded when the activity is completed and cannot be set");
			}
		}
	}
}
