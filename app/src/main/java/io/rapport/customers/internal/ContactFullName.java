package io.rapport.customers.internal;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/** A contact's full name is "first middle last", kept in step whenever one of the parts changes, by an update or a merge (as Dataverse does). */
@Component
class ContactFullName implements PipelineHandler {

	@Override
	public String entity() {
		return "contact";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update, Message.Merge);
	}

	@Override
	public Stage stage() {
		return Stage.PreOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		var target = context.target();
		if (context.message() != Message.Create && !target.has("firstname") && !target.has("middlename")
				&& !target.has("lastname")) {
			return;
		}
		String fullName = Stream.of("firstname", "middlename", "lastname")
			.map(context::valueAfter)
			.filter(v -> v != null && !v.toString().isBlank())
			.map(v -> v.toString().trim())
			.collect(Collectors.joining(" "));
		target.set("fullname", fullName.isEmpty() ? null : fullName.length() > 160 ? fullName.substring(0, 160) : fullName);
	}
}
