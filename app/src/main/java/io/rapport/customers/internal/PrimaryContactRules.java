package io.rapport.customers.internal;

import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Records;
import io.rapport.data.Stage;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * An inactive contact is nobody's primary contact: deactivating it clears the lookup on every account that named it,
 * in the same transaction (deleting it does the same through the RemoveLink cascade of account_primary_contact).
 */
@Component
class PrimaryContactRules implements PipelineHandler {

	private final Queries queries;
	private final Records records;

	PrimaryContactRules(Queries queries, Records records) {
		this.queries = queries;
		this.records = records;
	}

	@Override
	public String entity() {
		return "contact";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.SetState);
	}

	@Override
	public Stage stage() {
		return Stage.PostOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		Object state = context.target().get("statecode");
		if (!(state instanceof Integer s) || s == 0) {
			return;
		}
		Query accounts = Query.of("account").select("primarycontactid")
			.where(Criterion.where("primarycontactid", Operator.Eq, context.ref().id()))
			.page(5000);
		for (EntityRecord account : queries.execute(Principal.systemPrincipal(), accounts).records()) {
			records.update(Principal.systemPrincipal(), new EntityRecord("account", account.id()).set("primarycontactid", null));
		}
	}
}
