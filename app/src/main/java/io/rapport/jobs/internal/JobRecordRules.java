package io.rapport.jobs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RapportException.AttributeError;
import io.rapport.core.RecordRef;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.jobs.JobStatus;
import io.rapport.jobs.Jobs;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeValues;

/**
 * Keeps job records consistent when they are written as records: a job starts Waiting with nothing run yet, owned by
 * whoever submits it (it will act for its owner); its runner-managed columns, type and input never change through the
 * pipeline; its status changes only by being run, cancelled or retried; and a running job is not deleted from under
 * its node.
 */
@Component
class JobRecordRules implements PipelineHandler {

	static final Set<String> RUNNER_MANAGED = Set.of("checkpoint", "message", "friendlymessage", "progresstotal",
			"progresscurrent", "successcount", "failurecount", "retrycount", "startedon", "completedon", "hostid",
			"leaseexpireson", "cancelrequested");

	private static final Set<String> FIXED_AT_SUBMISSION = Set.of("operationtype", "data");

	@Override
	public String entity() {
		return Jobs.ENTITY;
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update, Message.SetState, Message.Delete);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		switch (context.message()) {
			case Create -> checkNew(context);
			case Update -> checkUpdate(context);
			case SetState -> throw RapportException.invalid("statecode",
					"a system job's status changes only by running, cancelling or retrying the job");
			case Delete -> checkDelete(context);
			default -> {
			}
		}
	}

	private static void checkNew(PipelineContext context) {
		List<AttributeError> errors = new ArrayList<>();
		for (String name : RUNNER_MANAGED) {
			AttributeDefinition a = context.entity().requireAttribute(name);
			Object initial = AttributeValues.coerce(a, a.defaultValue());
			if (!Objects.equals(context.target().get(name), initial)) {
				errors.add(new AttributeError(name, "is set by the job runner"));
			}
		}
		if (!Objects.equals(context.target().get("statuscode"), JobStatus.Waiting.statusCode())) {
			errors.add(new AttributeError("statuscode", "a system job starts as Waiting"));
		}
		Principal principal = context.principal();
		if (!principal.isSystem()
				&& !Objects.equals(context.target().get("ownerid"), new RecordRef("systemuser", principal.userId()))) {
			errors.add(new AttributeError("ownerid", "a job acts for its owner, so it is owned by whoever submits it"));
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
	}

	private static void checkUpdate(PipelineContext context) {
		List<AttributeError> errors = new ArrayList<>();
		for (String name : context.target().values().keySet()) {
			if (RUNNER_MANAGED.contains(name)) {
				errors.add(new AttributeError(name, "is set by the job runner"));
			} else if (FIXED_AT_SUBMISSION.contains(name)) {
				errors.add(new AttributeError(name, "is fixed when the job is submitted"));
			}
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
	}

	private static void checkDelete(PipelineContext context) {
		Object state = context.preImage().get("statecode");
		if (Objects.equals(state, JobStatus.LOCKED)) {
			throw RapportException.conflict("JobRunning",
					"The system job is running; cancel it and wait until it has stopped before deleting it.");
		}
	}
}
