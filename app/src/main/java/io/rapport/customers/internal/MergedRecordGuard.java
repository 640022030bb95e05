package io.rapport.customers.internal;

import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.RapportException;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/** Whether a record was merged, and into which one, is written by Merge only, never by a create or an update. */
@Component
class MergedRecordGuard implements PipelineHandler {

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
		if (context.principal().isSystem() || context.entity().attribute(RecordMerge.MERGED).isEmpty()) {
			return;
		}
		for (String attribute : new String[] { RecordMerge.MERGED, RecordMerge.MASTER }) {
			Object before = context.preImage() == null ? context.entity().requireAttribute(attribute).defaultValue()
					: context.preImage().get(attribute);
			if (context.target().has(attribute) && !Objects.equals(context.target().get(attribute), before)) {
				throw RapportException.invalid(attribute, "is set only by merging records");
			}
		}
	}
}
