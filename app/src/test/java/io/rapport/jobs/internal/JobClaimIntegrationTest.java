package io.rapport.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rapport.jobs.JobProgress;
import io.rapport.jobs.JobStatus;
import io.rapport.jobs.Jobs;
import io.rapport.jobs.TestJobs;
import io.rapport.jobs.TestNode;

/** The claim itself, on a node that runs no jobs so that only the test claims: one winner, then fenced out. */
class JobClaimIntegrationTest {

	private static TestNode node;
	private static JobTable table;
	private static Jobs jobs;

	@BeforeAll
	static void start() {
		node = TestNode.start("claims", "rapport.jobs.threads", "0");
		table = node.bean(JobTable.class);
		jobs = node.bean(Jobs.class);
	}

	@AfterAll
	static void stop() {
		node.close();
	}

	@Test
	void exactlyOneOfManyConcurrentClaimersGetsAWaitingJob() throws Exception {
		UUID id = jobs.submit(node.admin(), TestJobs.COUNT, "Claimed once", null);
		OffsetDateTime now = JobTable.now();
		JobTable.Candidate candidate = candidate(id, now);

		int claimers = 8;
		CyclicBarrier start = new CyclicBarrier(claimers);
		ExecutorService pool = Executors.newFixedThreadPool(claimers);
		List<Future<Boolean>> results = new ArrayList<>();
		for (int i = 0; i < claimers; i++) {
			String host = "host-" + i;
			Callable<Boolean> claim = () -> {
				start.await();
				return table.claim(candidate, host, now, now.plusSeconds(60));
			};
			results.add(pool.submit(claim));
		}
		int won = 0;
		for (Future<Boolean> r : results) {
			won += r.get() ? 1 : 0;
		}
		pool.shutdown();

		assertThat(won).isEqualTo(1);
		assertThat(jobs.find(node.admin(), id).status()).isEqualTo(JobStatus.InProgress);
	}

	@Test
	void aJobWhoseLeaseExpiredIsClaimedAgainAndItsFormerNodeCanNoLongerSaveIt() {
		UUID id = jobs.submit(node.admin(), TestJobs.COUNT, "Taken over", null);
		OffsetDateTime now = JobTable.now();
		assertThat(table.claim(candidate(id, now), "crashed-node", now, now.plusSeconds(2))).isTrue();
		assertThat(table.claimable(now, 1000)).noneMatch(c -> c.id().equals(id));

		OffsetDateTime later = now.plusSeconds(3);
		assertThat(table.claim(candidate(id, later), "next-node", later, later.plusSeconds(60))).isTrue();

		assertThat(table.save(id, "crashed-node", "stale", JobProgress.NONE, later.plusSeconds(60))).isFalse();
		assertThat(table.finish(id, "crashed-node", JobStatus.Succeeded, null, null)).isFalse();
		assertThat(table.save(id, "next-node", "fresh", JobProgress.NONE, later.plusSeconds(60))).isTrue();
		assertThat(table.load(id).checkpoint()).isEqualTo("fresh");
	}

	private static JobTable.Candidate candidate(UUID id, OffsetDateTime now) {
		return table.claimable(now, 1000).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
	}
}
