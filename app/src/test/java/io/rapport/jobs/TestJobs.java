package io.rapport.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;

import io.rapport.core.RapportException;

/**
 * Job handlers for tests, registered as a source of the test nodes (deliberately not a scanned component, so only
 * contexts that ask for them have them).
 */
public class TestJobs {

	public static final String COUNT = "test.count";
	public static final String WAIT_FOR_CANCEL = "test.wait";
	public static final String FAIL_ONCE = "test.fail-once";
	public static final String CRASH = "test.crash";

	/** How many times each job ran, across every node of the JVM. */
	public static final Map<UUID, AtomicInteger> RUNS = new ConcurrentHashMap<>();

	/** The checkpoint each fail-once job found when it ran again. */
	public static final Map<UUID, String> RESUMED_FROM = new ConcurrentHashMap<>();

	@Bean
	JobHandler countingJob() {
		return handler(COUNT, execution -> {
			RUNS.computeIfAbsent(execution.jobId(), id -> new AtomicInteger()).incrementAndGet();
			execution.progress(new JobProgress(1L, 1, 1, 0));
		});
	}

	/** Runs until it is cancelled or its node stops; gives up after a minute so a broken cancel cannot hang a build. */
	@Bean
	JobHandler waitingJob() {
		return handler(WAIT_FOR_CANCEL, execution -> {
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			while (!execution.cancelRequested() && System.nanoTime() < deadline) {
				try {
					TimeUnit.MILLISECONDS.sleep(10);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
	}

	@Bean
	JobHandler failingOnceJob() {
		return handler(FAIL_ONCE, execution -> {
			if (execution.checkpoint().isEmpty()) {
				execution.checkpoint("step 1 done", new JobProgress(2L, 1, 1, 0));
				throw new RapportException(409, "TestFailure", "Step 2 could not run: the test said so.");
			}
			RESUMED_FROM.put(execution.jobId(), execution.checkpoint().get());
			execution.progress(new JobProgress(2L, 2, 2, 0));
		});
	}

	@Bean
	JobHandler crashingJob() {
		return handler(CRASH, execution -> {
			throw new IllegalStateException("org.h2.jdbc.JdbcSQLSyntaxErrorException: select secret from hidden_table");
		});
	}

	private static JobHandler handler(String type, java.util.function.Consumer<JobExecution> body) {
		return new JobHandler() {
			@Override
			public String type() {
				return type;
			}

			@Override
			public void run(JobExecution execution) {
				body.accept(execution);
			}
		};
	}
}
