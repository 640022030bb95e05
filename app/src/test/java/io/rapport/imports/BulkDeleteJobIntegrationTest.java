package io.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;

import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.jobs.Await;
import io.rapport.jobs.CommittedDeletes;
import io.rapport.jobs.DeleteGate;
import io.rapport.jobs.Job;
import io.rapport.jobs.JobProgress;
import io.rapport.jobs.JobStatus;
import io.rapport.jobs.Jobs;
import io.rapport.jobs.TestNode;
import io.rapport.query.Queries;
import io.rapport.test.Api;
import io.rapport.test.TestDatabase;

/** Bulk delete jobs that are stopped part-way: by a node restart, and by their owner cancelling them. */
class BulkDeleteJobIntegrationTest {

	@Test
	void bulkDeleteStoppedByARestartResumesAndDeletesEveryMatchingRecordExactlyOnce() throws Exception {
		String[] shortLease = { "rapport.jobs.lease-seconds", "2" };
		List<UUID> leaving;
		UUID job;
		TestNode first = TestNode.start("restart", shortLease);
		try {
			Principal admin = first.admin();
			Records records = first.bean(Records.class);
			PlatformTransactionManager transactions = first.bean(PlatformTransactionManager.class);
			leaving = TestContacts.create(records, transactions, admin, "Leaving", 3000);
			TestContacts.create(records, transactions, admin, "Staying", 300);

			DeleteGate.closeAfter(700);
			Api.Response submitted = Api.admin(first.port()).post("/api/jobs/bulkdelete",
					Map.of("name", "Remove the leavers", "query", TestContacts.lastNameIs("Leaving")));
			assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
			job = UUID.fromString((String) submitted.json().get("id"));
			assertThat(submitted.header("Location")).endsWith("/api/jobs/" + job);
			Jobs jobs = first.bean(Jobs.class);
			Await.until("the first checkpoint", Duration.ofSeconds(60), () -> jobs.find(admin, job).progress().current(),
					current -> current == 500);
			Await.until("the second batch to reach the gate", Duration.ofSeconds(60), DeleteGate::holding, held -> held);
			TestContacts.create(records, transactions, admin, "Leaving", 5);

			// Stop the node while the job is in the middle of its second batch; let it go on once the node is stopping.
			SmartLifecycle runner = first.jobRunner();
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::close);
			Await.until("the job runner to stop", Duration.ofSeconds(30), runner::isRunning, running -> !running);
			DeleteGate.open();
			stopping.get(60, TimeUnit.SECONDS);
		} finally {
			DeleteGate.open();
			first.close();
		}
		long[] stoppedAt = stateAndProgress(job);
		assertThat(stoppedAt[0]).as("state after the node stopped").isEqualTo(JobStatus.LOCKED);
		assertThat(stoppedAt[1]).as("records processed before the node stopped").isEqualTo(701);

		try (TestNode second = TestNode.start("restart", shortLease)) {
			Principal admin = second.admin();
			Jobs jobs = second.bean(Jobs.class);
			Job done = Await.until("the job to finish after the restart", Duration.ofSeconds(120), () -> jobs.find(admin, job),
					j -> j.status().finished());

			assertThat(done.status()).isEqualTo(JobStatus.Succeeded);
			assertThat(done.progress()).isEqualTo(new JobProgress(3000L, 3000, 3000, 0));
			assertThat(done.message()).isNull();
			assertThat(leaving).allSatisfy(id -> assertThat(CommittedDeletes.COUNTS.get(id)).as("deletes of %s", id).hasValue(1));
			Queries queries = second.bean(Queries.class);
			assertThat(TestContacts.count(queries, admin, "Leaving")).as("created after the job started").isEqualTo(5);
			assertThat(TestContacts.count(queries, admin, "Staying")).isEqualTo(300);
		}
	}

	@Test
	void cancelledBulkDeleteStopsBetweenRecordsWithTrueCountsAndARetryFinishesIt() {
		try (TestNode node = TestNode.start("bulkcancel")) {
			cancelAndRetry(node);
		} finally {
			DeleteGate.open();
		}
	}

	private static void cancelAndRetry(TestNode node) {
		Principal admin = node.admin();
		Queries queries = node.bean(Queries.class);
		TestContacts.create(node.bean(Records.class), node.bean(PlatformTransactionManager.class), admin, "Doomed", 2000);
		DeleteGate.closeAfter(600);
		Api api = Api.admin(node.port());
		UUID job = UUID.fromString((String) api.post("/api/jobs/bulkdelete",
				Map.of("query", TestContacts.lastNameIs("Doomed"))).json().get("id"));
		Jobs jobs = node.bean(Jobs.class);
		Await.until("the first checkpoint", Duration.ofSeconds(60), () -> jobs.find(admin, job).progress().current(),
				current -> current == 500);

		Api.Response cancel = api.post("/api/jobs/" + job + "/cancel", null);
		DeleteGate.open();
		assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
		assertThat(cancel.json().get("status")).isEqualTo("Canceling");
		Job canceled = Await.until("the job to stop", Duration.ofSeconds(60), () -> jobs.find(admin, job),
				j -> j.status().finished());

		assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
		assertThat(canceled.name()).isEqualTo("Bulk delete of contacts");
		JobProgress stopped = canceled.progress();
		// The cancel lands while the job is between its first checkpoint (500) and the gate (600): it may stop
		// before deleting one more record, or some records later, but never before the checkpoint nor at the end.
		assertThat(stopped.current()).isBetween(500L, 1999L);
		assertThat(stopped.succeeded()).isEqualTo(stopped.current());
		assertThat(TestContacts.count(queries, admin, "Doomed")).isEqualTo(2000 - stopped.succeeded());

		Api.Response retry = api.post("/api/jobs/" + job + "/retry", null);
		assertThat(retry.status()).as(retry.body()).isEqualTo(202);
		assertThat(retry.json()).containsEntry("retryCount", 1);
		Job done = Await.until("the retried job to finish", Duration.ofSeconds(60), () -> jobs.find(admin, job),
				j -> j.status().finished());
		assertThat(done.status()).isEqualTo(JobStatus.Succeeded);
		assertThat(done.progress()).isEqualTo(new JobProgress(2000L, 2000, 2000, 0));
		assertThat(TestContacts.count(queries, admin, "Doomed")).isZero();
	}

	/** Read straight from the database while no node is running. */
	private static long[] stateAndProgress(UUID job) throws Exception {
		Map<String, Object> db = TestDatabase.properties("restart");
		try (Connection c = DriverManager.getConnection((String) db.get("spring.datasource.url"),
				(String) db.get("spring.datasource.username"), (String) db.get("spring.datasource.password"));
				PreparedStatement s = c.prepareStatement(
						"select statecode, progresscurrent from asyncoperation where asyncoperationid = ?")) {
			s.setObject(1, job);
			try (ResultSet r = s.executeQuery()) {
				assertThat(r.next()).isTrue();
				return new long[] { r.getLong(1), r.getLong(2) };
			}
		}
	}
}
