package io.rapport.customers.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Records;
import io.rapport.data.Stage;
import io.rapport.query.Queries;

/**
 * Keeps the two rows of a connection in step, in the transaction of the change: roles (swapped), description and
 * dates after an update, the state after a SetState, the owner after an Assign, and deleting one row deletes the
 * other. Each change is written to the other row only where it differs, so the other row's own handler finds
 * nothing left to do and the echo stops there.
 */
@Component
class ReverseConnectionInStep implements PipelineHandler {

	private static final Principal SYSTEM = Principal.systemPrincipal();

	/** Attribute of this row → attribute of the reciprocal row that holds the same value. */
	private static final Map<String, String> MIRRORED = new LinkedHashMap<>();

	static {
		MIRRORED.put("record1roleid", "record2roleid");
		MIRRORED.put("record2roleid", "record1roleid");
		MIRRORED.put("description", "description");
		MIRRORED.put("effectivestart", "effectivestart");
		MIRRORED.put("effectiveend", "effectiveend");
	}

	private final Records records;
	private final Queries queries;

	/** Records is lazy: the pipeline runs these rules, and they write through the pipeline. */
	ReverseConnectionInStep(Records records, Queries queries) {
		this.records = records;
		this.queries = queries;
	}

	@Override
	public String entity() {
		return "connection";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update, Message.SetState, Message.Assign, Message.Delete);
	}

	@Override
	public Stage stage() {
		return Stage.PostOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		switch (context.message()) {
			case Create -> linkBack(context);
			case Update -> mirrorValues(context);
			case SetState -> mirrorState(context);
			case Assign -> mirrorOwner(context);
			case Delete -> deleteReverse(context);
			default -> {
			}
		}
	}

	private void linkBack(PipelineContext context) {
		if (ReverseConnection.isReverseRow(context)) {
			return;
		}
		RecordRef reverse = (RecordRef) context.target().get("relatedconnectionid");
		records.update(SYSTEM, new EntityRecord("connection", reverse.id()).set("relatedconnectionid", context.ref()));
	}

	private void mirrorValues(PipelineContext context) {
		if (MIRRORED.keySet().stream().noneMatch(context.target()::has)) {
			return;
		}
		reverse(context, List.copyOf(MIRRORED.values())).ifPresent(reverse -> {
			EntityRecord change = new EntityRecord("connection", reverse.id());
			MIRRORED.forEach((mine, theirs) -> {
				Object value = context.valueAfter(mine);
				if (!Objects.equals(value, reverse.get(theirs))) {
					change.set(theirs, value);
				}
			});
			if (!change.values().isEmpty()) {
				records.update(SYSTEM, change);
			}
		});
	}

	private void mirrorState(PipelineContext context) {
		reverse(context, List.of("statecode", "statuscode")).ifPresent(reverse -> {
			Object state = context.valueAfter("statecode");
			Object status = context.valueAfter("statuscode");
			if (!Objects.equals(state, reverse.get("statecode")) || !Objects.equals(status, reverse.get("statuscode"))) {
				records.setState(SYSTEM, reverse.ref(), (Integer) state, (Integer) status);
			}
		});
	}

	private void mirrorOwner(PipelineContext context) {
		reverse(context, List.of("ownerid")).ifPresent(reverse -> {
			RecordRef owner = (RecordRef) context.valueAfter("ownerid");
			if (!Objects.equals(owner, reverse.get("ownerid"))) {
				records.assign(SYSTEM, reverse.ref(), owner);
			}
		});
	}

	/**
	 * By the time this runs, the relationship connection_related_connection (delete: RemoveLink) has cleared the other
	 * row's link to this one, so deleting the other row does not come back here.
	 */
	private void deleteReverse(PipelineContext context) {
		reverse(context, List.of("versionnumber")).ifPresent(reverse -> records.delete(SYSTEM, reverse.ref()));
	}

	private Optional<EntityRecord> reverse(PipelineContext context, List<String> columns) {
		RecordRef related = (RecordRef) context.valueAfter("relatedconnectionid");
		if (related == null) {
			return Optional.empty();
		}
		return queries.retrieve(SYSTEM, "connection", related.id(), columns);
	}
}
