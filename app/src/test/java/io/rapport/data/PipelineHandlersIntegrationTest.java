package io.rapport.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.query.Queries;
import io.rapport.test.RapportTest;

/** Handlers registered by modules run in stage order, may change what is written, and can veto the whole message. */
@RapportTest
@Import(PipelineProbe.class)
class PipelineHandlersIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	PipelineProbe probe;

	@Autowired
	DSLContext dsl;

	/** The records this test acts on; the probe ignores all others. */
	final Set<UUID> mine = new java.util.concurrent.CopyOnWriteArraySet<>();

	final List<String> seen = new CopyOnWriteArrayList<>();

	@AfterEach
	void resetProbe() {
		probe.reset();
	}

	@Test
	void handlersRunStageByStageAndByOrderWithinAStage() {
		UUID account = mine(UUID.randomUUID());
		UUID contact = mine(UUID.randomUUID());
		probe.on(call -> {
			if (isMine(call)) {
				seen.add(call.context().message() + " " + call.context().entity().logicalName() + " " + call.stage() + " "
						+ call.order());
			}
		});

		records.create(SYSTEM, new EntityRecord("account", account).set("name", "Ordered"));
		records.create(SYSTEM, new EntityRecord("contact", contact).set("lastname", "Ordered"));
		records.update(SYSTEM, new EntityRecord("account", account).set("name", "Reordered"));
		records.setState(SYSTEM, new RecordRef("account", account), 1, null);
		records.delete(SYSTEM, new RecordRef("account", account));

		assertThat(seen).containsExactly(
				"Create account Validate 0", "Create account PreOperation -10", "Create account PreOperation 10",
				"Create account PostOperation 0",
				"Create contact Validate 0", "Create contact Validate 5", "Create contact PreOperation -10",
				"Create contact PreOperation 10", "Create contact PostOperation 0",
				"Update account Validate 0", "Update account PreOperation -10", "Update account PreOperation 10",
				"Update account PostOperation 0",
				"SetState account Validate 0", "SetState account PreOperation -10", "SetState account PreOperation 10",
				"SetState account PostOperation 0",
				"Delete account Validate 0", "Delete account PreOperation -10", "Delete account PreOperation 10",
				"Delete account PostOperation 0");
	}

	@Test
	void handlersSeeTheNewValuesAndTheRecordAsItWas() {
		UUID account = mine(records.create(SYSTEM, new EntityRecord("account").set("name", "Old name").set("telephone1", "1")));
		probe.on(call -> {
			if (isMine(call) && call.stage() == Stage.PreOperation && call.order() == -10) {
				PipelineContext c = call.context();
				seen.add(c.target().get("name") + " / " + c.preImage().get("name") + " / " + c.valueAfter("telephone1"));
			}
		});

		records.update(SYSTEM, new EntityRecord("account", account).set("name", "New name"));

		assertThat(seen).containsExactly("New name / Old name / 1");
	}

	@Test
	void whatAPreOperationHandlerChangesIsWritten() {
		UUID account = mine(UUID.randomUUID());
		probe.on(call -> {
			if (isMine(call) && call.stage() == Stage.PreOperation && call.order() == 10) {
				EntityRecord target = call.context().target();
				target.set("description", "stamped at " + call.context().message());
				if (target.has("name")) {
					target.set("name", target.getString("name").toUpperCase());
				}
			}
		});

		records.create(SYSTEM, new EntityRecord("account", account).set("name", "quiet"));
		EntityRecord created = records.retrieve(SYSTEM, "account", account);
		records.update(SYSTEM, new EntityRecord("account", account).set("telephone1", "555"));
		EntityRecord updated = records.retrieve(SYSTEM, "account", account);

		assertThat(created.get("name")).isEqualTo("QUIET");
		assertThat(created.get("description")).isEqualTo("stamped at Create");
		assertThat(updated.get("description")).isEqualTo("stamped at Update");
		assertThat(updated.get("telephone1")).isEqualTo("555");
	}

	@Test
	void aValueAPreOperationHandlerBreaksIsRefusedLikeTheCallers() {
		UUID account = mine(UUID.randomUUID());
		probe.on(call -> {
			if (isMine(call) && call.stage() == Stage.PreOperation && call.order() == -10) {
				call.context().target().set("industrycode", 999);
			}
		});

		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> records.create(SYSTEM, new EntityRecord("account", account).set("name", "Broken by a handler")));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("industrycode");
		assertThat(exists("account", account)).isFalse();
	}

	@Test
	void aPostOperationHandlerThatThrowsUndoesACreateAnUpdateAndADelete() {
		UUID account = mine(UUID.randomUUID());
		vetoAtPostOperation(Message.Create);
		assertVetoed(() -> records.create(SYSTEM, new EntityRecord("account", account).set("name", "Vetoed")));
		assertThat(exists("account", account)).isFalse();

		probe.reset();
		records.create(SYSTEM, new EntityRecord("account", account).set("name", "Kept"));
		vetoAtPostOperation(Message.Update);
		assertVetoed(() -> records.update(SYSTEM, new EntityRecord("account", account).set("name", "Changed")));
		assertThat(records.retrieve(SYSTEM, "account", account).get("name")).isEqualTo("Kept");
		assertThat(records.retrieve(SYSTEM, "account", account).version()).isEqualTo(1);

		vetoAtPostOperation(Message.SetState);
		assertVetoed(() -> records.setState(SYSTEM, new RecordRef("account", account), 1, null));
		assertThat(records.retrieve(SYSTEM, "account", account).get("statecode")).isEqualTo(0);
	}

	@Test
	void aVetoedDeleteKeepsTheRecordAndEverythingItsCascadeTouched() {
		UUID account = mine(records.create(SYSTEM, new EntityRecord("account").set("name", "Parent")));
		UUID child = records.create(SYSTEM, new EntityRecord("account").set("name", "Child")
			.set("parentaccountid", new RecordRef("account", account)));
		UUID contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Employee")
			.set("parentcustomerid", new RecordRef("account", account)));
		vetoAtPostOperation(Message.Delete);

		assertVetoed(() -> records.delete(SYSTEM, new RecordRef("account", account)));

		assertThat(exists("account", account)).isTrue();
		assertThat(exists("contact", contact)).isTrue();
		assertThat(records.retrieve(SYSTEM, "account", child).get("parentaccountid")).isEqualTo(new RecordRef("account", account));
		assertThat(probe.committed()).noneMatch(e -> e.message() == Message.Delete
				&& List.of(account, contact).contains(e.record().id()));
	}

	@Test
	void aVetoedAssociationAddsNoMember() {
		UUID team = mine(records.create(SYSTEM, new EntityRecord("team").set("name", "Vetoed team " + UUID.randomUUID())
			.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID))));
		UUID user = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", "member-" + UUID.randomUUID())
			.set("businessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
		vetoAtPostOperation(Message.Associate);

		assertVetoed(() -> records.associate(SYSTEM, new RecordRef("team", team), "teammembership_association",
				List.of(new RecordRef("systemuser", user))));

		assertThat(dsl.fetchCount(table(name("teammembership")), field(name("teamid"), UUID.class).eq(team))).isZero();
	}

	@Test
	void afterCommitListenersHearOnlyChangesThatWereCommitted() {
		UUID kept = mine(UUID.randomUUID());
		UUID vetoed = mine(UUID.randomUUID());
		probe.on(call -> {
			if (call.stage() == Stage.PostOperation && call.context().ref().id().equals(vetoed)) {
				throw new IllegalStateException("vetoed");
			}
		});

		records.create(SYSTEM, new EntityRecord("account", kept).set("name", "Kept"));
		catchThrowableOfType(IllegalStateException.class,
				() -> records.create(SYSTEM, new EntityRecord("account", vetoed).set("name", "Vetoed")));
		records.update(SYSTEM, new EntityRecord("account", kept).set("name", "Kept and renamed"));

		assertThat(probe.committed()).filteredOn(e -> mine.contains(e.record().id()))
			.extracting(e -> e.message() + " " + e.record().id())
			.containsExactly("Create " + kept, "Update " + kept);
	}

	private UUID mine(UUID id) {
		mine.add(id);
		return id;
	}

	private boolean isMine(PipelineProbe.Call call) {
		return mine.contains(call.context().ref().id());
	}

	private void vetoAtPostOperation(Message message) {
		probe.on(call -> {
			if (isMine(call) && call.stage() == Stage.PostOperation && call.context().message() == message) {
				throw new IllegalStateException("vetoed by a handler");
			}
		});
	}

	private static void assertVetoed(Runnable message) {
		assertThat(catchThrowableOfType(IllegalStateException.class, message::run)).hasMessage("vetoed by a handler");
	}

	private boolean exists(String entity, UUID id) {
		return queries.retrieve(SYSTEM, entity, id, List.of()).isPresent();
	}
}
