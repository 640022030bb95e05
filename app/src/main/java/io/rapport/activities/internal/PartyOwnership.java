package io.rapport.activities.internal;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.query.Queries;

/**
 * A party belongs to whoever owns its activity, in the activity's business unit, so that exactly those who may read
 * the activity may read its parties; assign and share cascades keep it so afterwards.
 */
@Component
class PartyOwnership implements PipelineHandler {

	private final Queries queries;

	PartyOwnership(Queries queries) {
		this.queries = queries;
	}

	@Override
	public String entity() {
		return "activityparty";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create);
	}

	@Override
	public Stage stage() {
		return Stage.PreOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		RecordRef activity = (RecordRef) context.target().get("activityid");
		queries.retrieve(context.principal(), activity.entity(), activity.id(), List.of("ownerid", "owningbusinessunit"))
			.ifPresent(owner -> context.target()
				.set("ownerid", owner.get("ownerid"))
				.set("owningbusinessunit", owner.get("owningbusinessunit")));
	}
}
