package io.rapport.customers.internal;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/**
 * The record types of a connection role are logical names of connectable entities; they are stored lower-case,
 * comma-separated and without repeats ("account,contact"), and empty means every connectable entity.
 */
@Component
class ConnectionRoleRecordTypes implements PipelineHandler {

	static final String ATTRIBUTE = "associatedobjecttypecodes";

	private final ConnectableEntities connectable;

	ConnectionRoleRecordTypes(ConnectableEntities connectable) {
		this.connectable = connectable;
	}

	@Override
	public String entity() {
		return "connectionrole";
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
		if (!context.target().has(ATTRIBUTE)) {
			return;
		}
		Set<String> names = ConnectionRole.recordTypes(context.target().getString(ATTRIBUTE));
		List<String> unknown = names.stream().filter(n -> !connectable.contains(n)).toList();
		if (!unknown.isEmpty()) {
			throw RapportException.invalid(ATTRIBUTE, String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
					+ " not connectable; connectable entities are " + String.join(", ", connectable.names()));
		}
		context.target().set(ATTRIBUTE, names.isEmpty() ? null : String.join(",", names));
	}
}
