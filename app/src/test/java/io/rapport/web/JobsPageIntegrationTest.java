package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.imports.BulkDeletes;
import io.rapport.jobs.Await;
import io.rapport.jobs.DeleteGate;
import io.rapport.jobs.JobStatus;
import io.rapport.jobs.Jobs;
import io.rapport.jobs.TestNode;
import io.rapport.test.Api;

/**
 * The background jobs page with a real bulk delete held part-way by a gate: its progress shows and the page polls
 * while it runs, cancel and retry work from the page, polling stops once every job has finished, and another user
 * neither sees the job nor can cancel it with a crafted request.
 */
class JobsPageIntegrationTest {

	@Test
	void aRunningBulkDeleteShowsItsProgressLiveAndIsCanceledAndRetriedFromThePage() {
		try (TestNode node = TestNode.start("webjobs", "rapport.imports.bulk-delete.batch-size", "5")) {
			Principal admin = node.admin();
			Records records = node.bean(Records.class);
			for (int i = 0; i < 20; i++) {
				records.create(admin, new EntityRecord("contact").set("firstname", "Row " + i).set("lastname", "Pagejobs"));
			}
			DeleteGate.closeAfter(7);
			UUID job = node.bean(BulkDeletes.class).submit(admin, "Remove the page test contacts", Map.of("entity", "contact",
					"filter", Map.of("attribute", "lastname", "operator", "Eq", "values", List.of("Pagejobs"))));
			Jobs jobs = node.bean(Jobs.class);
			Await.until("the first batch", Duration.ofSeconds(60), () -> jobs.find(admin, job).progress().current(), c -> c == 5);

			WebSession web = WebSession.signIn(node.port(), "admin", "admin-test");
			assertThat(web.get("/").body()).contains("href=\"/app/jobs\"");
			String running = web.get("/app/jobs").body();
			assertThat(running).contains("Remove the page test contacts").contains("In Progress").contains("5 of 20")
				.contains("aria-valuenow=\"25\"").contains("hx-trigger=\"every 2s\"").contains("/app/jobs/" + job + "/cancel")
				.doesNotContain("/app/jobs/" + job + "/retry");
			String fragment = web.get("/app/jobs/table").body();
			assertThat(fragment).as("what the page polls is the table alone").doesNotContain("<html").contains("5 of 20")
				.contains("hx-get=\"/app/jobs/table\"");

			HttpResponse<String> canceled = web.post("/app/jobs/" + job + "/cancel", "");
			assertThat(canceled.body()).contains("Cancel requested").contains("Canceling");
			DeleteGate.open();
			Await.until("the job to stop", Duration.ofSeconds(60), () -> jobs.find(admin, job).status(), JobStatus::finished);
			String stopped = web.get("/app/jobs").body();
			assertThat(stopped).contains("Canceled").contains("/app/jobs/" + job + "/retry").doesNotContain("every 2s")
				.doesNotContain("/app/jobs/" + job + "/cancel");

			assertThat(web.post("/app/jobs/" + job + "/retry", "").body()).contains("will run again");
			Await.until("the retried job", Duration.ofSeconds(60), () -> jobs.find(admin, job).status(), JobStatus::finished);
			assertThat(web.get("/app/jobs").body()).contains("Succeeded").contains("20 of 20").contains("20 succeeded");

			Api.Response user = Api.admin(node.port()).post("/api/admin/users", Map.of("domainname", "jobless", "fullname", "Job Less",
					"password", "secret-pass", "roles", List.of("00000000-0000-0000-0000-0000000000a3")));
			assertThat(user.status()).as(user.body()).isEqualTo(201);
			WebSession other = WebSession.signIn(node.port(), "jobless", "secret-pass");
			assertThat(other.get("/app/jobs").body()).contains("No background jobs yet").doesNotContain("Remove the page test contacts");
			HttpResponse<String> crafted = other.post("/app/jobs/" + job + "/retry", "");
			assertThat(crafted.statusCode()).isIn(403, 404);
			assertThat(jobs.find(admin, job).status()).isEqualTo(JobStatus.Succeeded);
		} finally {
			DeleteGate.open();
		}
	}
}
