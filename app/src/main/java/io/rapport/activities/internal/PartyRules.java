package io.rapport.activities.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.activities.ActivityType;
import io.rapport.activities.Participation;
import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.security.AccessControl;
import io.rapport.security.Privilege;

/**
 * A party's participation must apply to its kind of activity (an email has From/To/Cc/Bcc, an appointment an
 * Organizer and attendees…), it names a party or at least an address, it stays with its activity, and changing the
 * parties is changing the activity: it needs Write on an open activity. Parties removed because their activity is
 * deleted (a cascade) are not checked again.
 */
@Component
class PartyRules implements PipelineHandler {

	private final Metadata metadata;
	private final Queries queries;
	private final AccessControl access;

	PartyRules(Metadata metadata, Queries queries, AccessControl access) {
		this.metadata = metadata;
		this.queries = queries;
		this.access = access;
	}

	@Override
	public String entity() {
		return "activityparty";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update, Message.Delete);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		if (context.message() == Message.Delete) {
			if (context.depth() == 0) {
				requireChangeable(context, (RecordRef) context.preImage().get("activityid"));
			}
			return;
		}
		if (context.message() == Message.Update && context.target().has("activityid")
				&& !Objects.equals(context.target().get("activityid"), context.preImage().get("activityid"))) {
			throw RapportException.invalid("activityid", "a party stays with its activity; remove it and add a new one");
		}
		RecordRef activity = (RecordRef) context.valueAfter("activityid");
		ActivityType type = activity == null ? null : ActivityType.find(activity.entity()).orElse(null);
		if (type == null) {
			return;
		}
		Object mask = context.valueAfter("participationtypemask");
		Participation participation = mask instanceof Integer v ? Participation.of(v).orElse(null) : null;
		if (participation != null && !type.allows(participation)) {
			String plural = metadata.entity(type.logicalName()).displayCollectionName().toLowerCase();
			throw RapportException.invalid("participationtypemask", type.refusal(participation, plural));
		}
		Object address = context.valueAfter("addressused");
		if (context.valueAfter("partyid") == null && (address == null || address.toString().isBlank())) {
			throw RapportException.invalid("partyid", "name the party or the address used");
		}
		requireChangeable(context, activity);
	}

	private void requireChangeable(PipelineContext context, RecordRef activity) {
		if (context.principal().isSystem() || activity == null) {
			return;
		}
		EntityDefinition entity = metadata.entity(activity.entity());
		EntityRecord current = queries.retrieve(context.principal(), entity.logicalName(), activity.id(),
				List.of("statecode", "ownerid", "owningbusinessunit"))
			.orElseThrow(() -> RapportException.invalid("activityid",
					"the " + entity.displayName().toLowerCase() + " " + activity.id() + " does not exist"));
		Integer state = current.get("statecode", Integer.class);
		if (ActivityType.closed(state)) {
			throw ClosedActivityLock.closed(entity, state, "activityid", "to change its parties");
		}
		access.check(context.principal(), Privilege.Write, entity, current);
	}
}
