package io.rapport.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.RapportTest;

/** Nobody overwrites a change they have not seen: stale versions are refused, and of two racing writes one loses. */
@RapportTest
@Import(PipelineProbe.class)
class OptimisticConcurrencyIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	PipelineProbe probe;

	final ExecutorService threads = Executors.newFixedThreadPool(2);

	@AfterEach
	void stop() {
		probe.reset();
		threads.shutdownNow();
	}

	@Test
	void anUpdateCarryingAStaleVersionIsRefusedAndOverwritesNothing() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Original"));
		EntityRecord readByAnn = records.retrieve(SYSTEM, "account", id);
		records.update(SYSTEM, new EntityRecord("account", id).set("name", "Bob's name").set("versionnumber", readByAnn.version()));

		RapportException refused = catchThrowableOfType(RapportException.class, () -> records.update(SYSTEM,
				new EntityRecord("account", id).set("name", "Ann's name").set("telephone1", "1").set("versionnumber",
						readByAnn.version())));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("ConcurrencyVersionMismatch");
		EntityRecord stored = records.retrieve(SYSTEM, "account", id);
		assertThat(stored.get("name")).isEqualTo("Bob's name");
		assertThat(stored.get("telephone1")).isNull();
		assertThat(stored.version()).isEqualTo(2);
	}

	@Test
	void aVersionGivenAsTextOrAnyNumberIsCheckedAllTheSame() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Original"));
		records.update(SYSTEM, new EntityRecord("account", id).set("name", "Changed"));

		for (Object stale : List.of("1", 1, 1.0, new java.math.BigDecimal("1"))) {
			RapportException refused = catchThrowableOfType(RapportException.class, () -> records.update(SYSTEM,
					new EntityRecord("account", id).set("name", "Overwritten").set("versionnumber", stale)));
			assertThat(refused).as(stale.getClass().getSimpleName()).isNotNull();
			assertThat(refused.status()).isEqualTo(409);
		}
		RapportException garbage = catchThrowableOfType(RapportException.class, () -> records.update(SYSTEM,
				new EntityRecord("account", id).set("name", "Overwritten").set("versionnumber", "latest")));
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.getMessage()).contains("versionnumber");
		assertThat(records.retrieve(SYSTEM, "account", id).get("name")).isEqualTo("Changed");
		records.update(SYSTEM, new EntityRecord("account", id).set("name", "Current").set("versionnumber", "2"));
		assertThat(records.retrieve(SYSTEM, "account", id).get("name")).isEqualTo("Current");
	}

	@Test
	void aDeleteCarryingAStaleVersionIsRefusedAndTheRecordStays() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Kept"));
		records.update(SYSTEM, new EntityRecord("account", id).set("name", "Changed"));
		RecordRef ref = new RecordRef("account", id);

		RapportException refused = catchThrowableOfType(RapportException.class, () -> records.delete(SYSTEM, ref, 1));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("ConcurrencyVersionMismatch");
		assertThat(records.retrieve(SYSTEM, "account", id).get("name")).isEqualTo("Changed");
		records.delete(SYSTEM, ref, 2);
		assertThat(queries.retrieve(SYSTEM, "account", id, List.of())).isEmpty();
	}

	@Test
	void ofTwoConcurrentUpdatesOfOneRecordExactlyOneWins() throws Exception {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Contested"));
		holdFirstUntilSecondHasRead(call -> call.context().message() == Message.Update
				&& call.context().preImage().id().equals(id));

		List<Outcome> outcomes = race(
				() -> records.update(SYSTEM, new EntityRecord("account", id).set("name", "First").set("versionnumber", 1L)),
				() -> records.update(SYSTEM, new EntityRecord("account", id).set("name", "Second")));

		assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
		Outcome loser = outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElseThrow();
		assertThat(loser.refusal().status()).isEqualTo(409);
		assertThat(loser.refusal().code()).isEqualTo("ConcurrencyVersionMismatch");
		EntityRecord stored = records.retrieve(SYSTEM, "account", id);
		assertThat(stored.version()).isEqualTo(2);
		assertThat(stored.get("name")).isEqualTo(outcomes.get(0).succeeded() ? "First" : "Second");
	}

	@Test
	void ofTwoConcurrentCreatesWithOneAccountNumberExactlyOneWins() throws Exception {
		String number = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
		holdFirstUntilSecondHasRead(call -> call.context().message() == Message.Create
				&& number.equals(call.context().target().get("accountnumber")));

		List<Outcome> outcomes = race(
				() -> records.create(SYSTEM, new EntityRecord("account").set("name", "First").set("accountnumber", number)),
				() -> records.create(SYSTEM, new EntityRecord("account").set("name", "Second").set("accountnumber", number)));

		assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
		RapportException refusal = outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElseThrow().refusal();
		// 400 when the loser's key check (run again after pre-operation) already sees the winner, 409 when it reaches the
		// unique index first; either way it names the attribute.
		assertThat(refusal.status()).isIn(400, 409);
		assertThat(refusal.errors()).extracting(RapportException.AttributeError::attribute).contains("accountnumber");
		assertThat(queries.count(SYSTEM, Query.of("account").where(Criterion.where("accountnumber", Operator.Eq, number))))
			.isEqualTo(1);
	}

	@Test
	void aCreateThatCollidesWithAnExistingIdIsAConflictNotAServerError() {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Taken").set("accountnumber",
				"ID-" + UUID.randomUUID().toString().substring(0, 8)));

		RapportException refused = catchThrowableOfType(RapportException.class, () -> records.create(SYSTEM,
				new EntityRecord("account", id).set("name", "Same id").set("accountnumber",
						"ID-" + UUID.randomUUID().toString().substring(0, 8))));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(records.retrieve(SYSTEM, "account", id).get("name")).isEqualTo("Taken");
		UUID contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Taken"));
		RapportException sameContactId = catchThrowableOfType(RapportException.class,
				() -> records.create(SYSTEM, new EntityRecord("contact", contact).set("lastname", "Same id")));
		assertThat(sameContactId.status()).isEqualTo(409);
	}

	/** A message's outcome in a racing thread: success, or the refusal it got. */
	record Outcome(RapportException refusal) {
		boolean succeeded() {
			return refusal == null;
		}
	}

	/**
	 * Makes the first message that matches wait at pre-operation until a second matching message has read the record
	 * and reached pre-operation too, so both act on the same version.
	 */
	private void holdFirstUntilSecondHasRead(Predicate<PipelineProbe.Call> matches) {
		AtomicInteger arrivals = new AtomicInteger();
		probe.on(call -> {
			if (call.stage() != Stage.PreOperation || call.order() != -10 || !matches.test(call)) {
				return;
			}
			if (arrivals.incrementAndGet() == 1) {
				firstArrived.countDown();
				await(secondArrived);
			} else {
				secondArrived.countDown();
			}
		});
	}

	private final CountDownLatch firstArrived = new CountDownLatch(1);

	private final CountDownLatch secondArrived = new CountDownLatch(1);

	/** Starts the first message, and the second once the first is held. */
	private List<Outcome> race(Runnable first, Runnable second) throws Exception {
		Future<Outcome> a = threads.submit(() -> outcome(first));
		await(firstArrived);
		Future<Outcome> b = threads.submit(() -> outcome(second));
		List<Outcome> outcomes = new ArrayList<>();
		outcomes.add(a.get(30, TimeUnit.SECONDS));
		outcomes.add(b.get(30, TimeUnit.SECONDS));
		assertThat(secondArrived.getCount()).as("the second message reached pre-operation").isZero();
		return outcomes;
	}

	private static Outcome outcome(Runnable message) {
		try {
			message.run();
			return new Outcome(null);
		} catch (RapportException e) {
			return new Outcome(e);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("timed out waiting for the other message");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
