package io.rapport.customers.internal;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Records;
import io.rapport.data.Stage;

/**
 * Dataverse stores one connection as two rows: A → B with roles r1/r2, and B → A with r2/r1. Before the row someone
 * creates is written, this creates its reciprocal row (as the system, with the same owner, dates, description and
 * state) and points the new row at it; {@link ReverseConnectionInStep} then points the reciprocal row back.
 */
@Component
class ReverseConnection implements PipelineHandler {

	private final Records records;

	/** Records is lazy: the pipeline runs these rules, and they write through the pipeline. */
	ReverseConnection(Records records) {
		this.records = records;
	}

	/** The reciprocal row is the one the system creates with ismaster = false. */
	static boolean isReverseRow(PipelineContext context) {
		return context.message() == Message.Create && context.principal().isSystem()
				&& Boolean.FALSE.equals(context.target().get("ismaster"));
	}

	@Override
	public String entity() {
		return "connection";
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
		if (isReverseRow(context)) {
			return;
		}
		EntityRecord row = context.target();
		EntityRecord reverse = new EntityRecord("connection", UUID.randomUUID())
			.set("record1id", row.get("record2id"))
			.set("record2id", row.get("record1id"))
			.set("record1roleid", row.get("record2roleid"))
			.set("record2roleid", row.get("record1roleid"))
			.set("description", row.get("description"))
			.set("effectivestart", row.get("effectivestart"))
			.set("effectiveend", row.get("effectiveend"))
			.set("ownerid", row.get("ownerid"))
			.set("statecode", row.get("statecode"))
			.set("statuscode", row.get("statuscode"))
			.set("ismaster", false);
		records.create(Principal.systemPrincipal(), reverse);
		row.set("relatedconnectionid", new RecordRef("connection", reverse.id()));
	}
}
