package io.rapport.activities.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.activities.ActivityType;
import io.rapport.core.RapportException;
import io.rapport.core.RapportException.AttributeError;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.metadata.EntityDefinition;

/**
 * A completed or canceled activity is read-only: the only change a user may make is to reopen it. (The platform itself
 * — cascades, merges — may still re-point it.) Assigning and sharing it stay possible.
 */
@Component
class ClosedActivityLock implements PipelineHandler {

	@Override
	public String entity() {
		return "*";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Update, Message.SetState, Message.Associate, Message.Disassociate);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		if (ActivityType.find(context.entity().logicalName()).isEmpty() || context.principal().isSystem()
				|| context.preImage() == null || context.target() == null) {
			return;
		}
		Integer before = context.preImage().get("statecode", Integer.class);
		if (!ActivityType.closed(before)) {
			return;
		}
		if (context.message() == Message.SetState) {
			if (ActivityType.closed(context.target().get("statecode", Integer.class))) {
				throw closed(context.entity(), before, "statecode", "it can only be reopened");
			}
			return;
		}
		if (changes(context)) {
			throw closed(context.entity(), before, "statecode", "to change it");
		}
	}

	private static boolean changes(PipelineContext context) {
		for (Map.Entry<String, Object> e : context.target().values().entrySet()) {
			if (!e.getKey().equals("versionnumber") && !same(e.getValue(), context.preImage().get(e.getKey()))) {
				return true;
			}
		}
		return false;
	}

	private static boolean same(Object a, Object b) {
		if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
			return x.compareTo(y) == 0;
		}
		if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
			return x.isEqual(y);
		}
		return Objects.equals(a, b);
	}

	/** The refusal for a closed activity, naming {@code attribute}; {@code what} says what reopening would allow. */
	static RapportException closed(EntityDefinition entity, Integer state, String attribute, String what) {
		String name = entity.displayName().toLowerCase();
		String status = state != null && state == ActivityType.COMPLETED ? "completed" : "canceled";
		String message = what.startsWith("it ") ? "the " + name + " is " + status + "; " + what
				: "the " + name + " is " + status + "; reopen it " + what;
		return new RapportException(400, "ActivityClosed", attribute + ": " + message,
				List.of(new AttributeError(attribute, message)));
	}
}
