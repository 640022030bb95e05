package io.rapport.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.test.Api;

/** Jobs on one node with two job threads: run, cancel, retry, failures, and jobs as records of the API. */
class JobsIntegrationTest {

	private static TestNode node;
	private static Jobs jobs;
	private static Principal admin;

	@BeforeAll
	static void startNode() {
		node = TestNode.start("jobs", "rapport.jobs.threads", "2");
		jobs = node.bean(Jobs.class);
		admin = node.admin();
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	private static Job awaitStatus(UUID id, JobStatus status) {
		return Await.until("job " + id + " to be " + status, Duration.ofSeconds(20), () -> jobs.find(admin, id),
				job -> job.status() == status);
	}

	@Test
	void submittedJobRunsOnceInTheBackgroundAndSucceedsWithItsProgress() {
		UUID id = jobs.submit(admin, TestJobs.COUNT, "Count once", null);

		Job done = awaitStatus(id, JobStatus.Succeeded);

		assertThat(TestJobs.RUNS.get(id)).hasValue(1);
		assertThat(done.progress()).isEqualTo(new JobProgress(1L, 1, 1, 0));
		assertThat(done.startedOn()).isNotNull();
		assertThat(done.completedOn()).isAfterOrEqualTo(done.startedOn());
		assertThat(done.ownerId()).isEqualTo(TestNode.ADMIN_ID);
		assertThat(done.message()).isNull();
	}

	@Test
	void cancellingAWaitingJobCancelsItAtOnceAndARunningJobAtItsNextCheck() {
		UUID first = jobs.submit(admin, TestJobs.WAIT_FOR_CANCEL, "Runs until cancelled", null);
		UUID second = jobs.submit(admin, TestJobs.WAIT_FOR_CANCEL, "Runs until cancelled too", null);
		awaitStatus(first, JobStatus.InProgress);
		awaitStatus(second, JobStatus.InProgress);
		UUID waiting = jobs.submit(admin, TestJobs.COUNT, "Waits for a free thread", null);
		assertThat(jobs.find(admin, waiting).status()).isEqualTo(JobStatus.Waiting);

		Job canceled = jobs.cancel(admin, waiting);
		assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
		assertThat(canceled.startedOn()).isNull();

		Job canceling = jobs.cancel(admin, first);
		assertThat(canceling.status()).isIn(JobStatus.Canceling, JobStatus.Canceled);
		assertThat(canceling.cancelRequested()).isTrue();
		assertThat(awaitStatus(first, JobStatus.Canceled).completedOn()).isNotNull();
		assertThat(jobs.find(admin, second).status()).isEqualTo(JobStatus.InProgress);
		jobs.cancel(admin, second);
		awaitStatus(second, JobStatus.Canceled);

		assertThat(TestJobs.RUNS).doesNotContainKey(waiting);
		assertThatThrownBy(() -> jobs.cancel(admin, waiting)).isInstanceOfSatisfying(RapportException.class,
				e -> assertThat(e.status()).isEqualTo(409));
	}

	@Test
	void failedJobCanBeRetriedAndResumesFromItsLastCheckpoint() {
		UUID id = jobs.submit(admin, TestJobs.FAIL_ONCE, "Fails at step 2", null);

		Job failed = awaitStatus(id, JobStatus.Failed);
		assertThat(failed.friendlyMessage()).isEqualTo("Step 2 could not run: the test said so.");
		assertThat(failed.message()).contains("Step 2 could not run");
		assertThat(failed.progress()).isEqualTo(new JobProgress(2L, 1, 1, 0));

		Job retried = jobs.retry(admin, id);
		assertThat(retried.status()).isIn(JobStatus.Waiting, JobStatus.InProgress, JobStatus.Succeeded);
		assertThat(retried.retryCount()).isEqualTo(1);
		assertThat(retried.message()).isNull();

		Job done = awaitStatus(id, JobStatus.Succeeded);
		assertThat(TestJobs.RESUMED_FROM).containsEntry(id, "step 1 done");
		assertThat(done.progress()).isEqualTo(new JobProgress(2L, 2, 2, 0));
		assertThatThrownBy(() -> jobs.retry(admin, id)).isInstanceOfSatisfying(RapportException.class,
				e -> assertThat(e.getMessage()).contains("Only a failed or canceled job"));
	}

	@Test
	void jobOfAnUnknownTypeFailsWithAClearMessage() {
		UUID id = jobs.submit(admin, "no.such.type", "Nobody runs this", null);

		Job failed = awaitStatus(id, JobStatus.Failed);

		assertThat(failed.friendlyMessage()).contains("no handler for jobs of type 'no.such.type'");
	}

	@Test
	void unexpectedErrorFailsTheJobWithoutShowingTheErrorItself() {
		UUID id = jobs.submit(admin, TestJobs.CRASH, "Crashes", null);

		Job failed = awaitStatus(id, JobStatus.Failed);

		assertThat(failed.friendlyMessage()).isEqualTo("The job stopped because of an unexpected error.");
		assertThat(failed.message()).contains("reference").doesNotContainIgnoringCase("select")
			.doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("h2");
	}

	@Test
	void jobsAreRecordsThatTheApiReadsButOnlyTheRunnerChanges() {
		Api api = Api.admin(node.port());
		UUID id = jobs.submit(admin, TestJobs.COUNT, "Seen through the API", null);
		awaitStatus(id, JobStatus.Succeeded);

		Api.Response job = api.get("/api/jobs/" + id);
		assertThat(job.status()).as(job.body()).isEqualTo(200);
		assertThat(job.json()).containsEntry("status", "Succeeded").containsEntry("statuscode", 30)
			.containsEntry("type", TestJobs.COUNT)
			.containsEntry("progress", Map.of("total", 1, "processed", 1, "succeeded", 1, "failed", 0));
		Api.Response record = api.get("/api/data/v9.2/asyncoperations(" + id + ")?$select=name,statuscode,hostid,successcount");
		assertThat(record.json()).containsEntry("statuscode", 30).containsEntry("successcount", 1)
			.containsEntry("name", "Seen through the API");
		assertThat((String) record.json().get("hostid")).isNotBlank();
		List<Map<String, Object>> listed = api.get("/api/data/v9.2/asyncoperations?$select=name&$top=5000").value();
		assertThat(listed).anyMatch(r -> id.toString().equals(r.get("asyncoperationid")));

		Api.Response progress = api.patch("/api/data/v9.2/asyncoperations(" + id + ")", Map.of("successcount", 7));
		assertThat(progress.status()).isEqualTo(400);
		assertThat(progress.body()).contains("successcount");
		assertThat(api.patch("/api/data/v9.2/asyncoperations(" + id + ")", Map.of("name", "Renamed")).status()).isEqualTo(204);
		Api.Response forged = api.post("/api/data/v9.2/asyncoperations",
				Map.of("name", "Forged", "operationtype", TestJobs.COUNT, "hostid", "elsewhere"));
		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.body()).contains("hostid");
		Api.Response onBehalf = api.post("/api/data/v9.2/asyncoperations", Map.of("name", "For someone else",
				"operationtype", TestJobs.COUNT, "ownerid@odata.bind", "/systemusers(" + Principal.SYSTEM_USER_ID + ")"));
		assertThat(onBehalf.status()).isEqualTo(400);
		assertThat(onBehalf.body()).contains("ownerid");

		assertThat(api.post("/api/jobs/" + UUID.randomUUID() + "/cancel", null).status()).isEqualTo(404);
		Api.Response badId = api.get("/api/jobs/not-a-job");
		assertThat(badId.status()).isEqualTo(400);
		assertThat(badId.body()).contains("id");
		Api.Response finished = api.post("/api/jobs/" + id + "/cancel", null);
		assertThat(finished.status()).isEqualTo(409);
		assertThat(finished.body()).contains("already finished").doesNotContain("Exception");
	}
}
