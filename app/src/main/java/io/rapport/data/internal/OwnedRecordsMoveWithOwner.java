package io.rapport.data.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.Ownership;

/**
 * A record's owning business unit is its owner's: the pipeline sets it on create and assign, and when a user or a
 * team moves to another business unit, every record they own moves with it, in the same transaction (as in
 * Dataverse). The access predicate relies on this: an owner whose business unit the reader's business-unit arm
 * already reads needs no owner arm of its own.
 */
@Component
class OwnedRecordsMoveWithOwner implements PipelineHandler {

	private static final Set<String> OWNERS = Set.of("systemuser", "team");

	private final DSLContext dsl;
	private final Metadata metadata;

	OwnedRecordsMoveWithOwner(DSLContext dsl, Metadata metadata) {
		this.dsl = dsl;
		this.metadata = metadata;
	}

	@Override
	public String entity() {
		return "*";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Update);
	}

	@Override
	public Stage stage() {
		return Stage.PostOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		if (!OWNERS.contains(context.entity().logicalName()) || context.preImage() == null
				|| !context.target().values().containsKey("businessunitid")) {
			return;
		}
		Object before = context.preImage().get("businessunitid");
		Object after = context.valueAfter("businessunitid");
		if (!(after instanceof RecordRef unit) || after.equals(before)) {
			return;
		}
		UUID owner = context.target().id();
		for (EntityDefinition entity : metadata.entities()) {
			if (entity.ownership() == Ownership.UserOwned) {
				dsl.update(table(name(entity.table())))
					.set(field(name("owningbusinessunit"), UUID.class), unit.id())
					.where(field(name("ownerid"), UUID.class).eq(owner))
					.and(field(name("owningbusinessunit"), UUID.class).ne(unit.id()))
					.execute();
			}
		}
	}
}
