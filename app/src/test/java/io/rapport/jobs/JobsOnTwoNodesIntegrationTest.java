package io.rapport.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.rapport.core.Principal;
import io.rapport.data.Records;

/** Two nodes on one database, both polling often: every job runs exactly once. */
class JobsOnTwoNodesIntegrationTest {

	@Test
	void everyJobRunsExactlyOnceWhenTwoNodesCompeteForThem() {
		try (TestNode first = TestNode.start("nodes", "rapport.jobs.poll-ms", "10");
				TestNode second = TestNode.start("nodes", "rapport.jobs.poll-ms", "10")) {
			Jobs jobs = first.bean(Jobs.class);
			Principal admin = first.admin();
			List<UUID> ids = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				ids.add(jobs.submit(admin, TestJobs.COUNT, "Job " + i, null));
			}

			for (UUID id : ids) {
				Await.until("job " + id + " to succeed", Duration.ofSeconds(60), () -> jobs.find(admin, id).status(),
						s -> s == JobStatus.Succeeded);
			}

			assertThat(ids).allSatisfy(id -> assertThat(TestJobs.RUNS.get(id)).as("runs of %s", id).hasValue(1));
			Records records = second.bean(Records.class);
			Set<String> hosts = ids.stream().map(id -> records.retrieve(admin, Jobs.ENTITY, id, "hostid").getString("hostid"))
				.collect(Collectors.toSet());
			assertThat(hosts).isNotEmpty().allSatisfy(h -> assertThat(h).isNotBlank());
		}
	}
}
