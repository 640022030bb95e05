package io.rapport.jobs.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.jobs.JobHandler;
import io.rapport.jobs.JobStatus;
import io.rapport.security.Principals;

/**
 * Claims jobs and runs them on a small pool of threads of its own, never on a request thread. Each node polls; a job
 * goes to the one node whose compare-and-set claim succeeds, and stays with it while the node renews its lease (at
 * every poll and every checkpoint). A job whose lease has expired — its node crashed or was stopped — is claimed again
 * and resumed from its last checkpoint. A node with {@code rapport.jobs.threads=0} serves requests but runs no jobs.
 */
@Component
class JobRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobTable table;
	private final Principals principals;
	private final Map<String, JobHandler> handlers = new HashMap<>();
	private final Duration lease;
	private final int threads;
	private final Duration stopGrace;
	/** This node in the jobs it claims: one id per running application. */
	private final String host = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
	private final Map<UUID, RunningJob> active = new ConcurrentHashMap<>();
	private volatile ExecutorService executor;
	private volatile boolean running;

	JobRunner(JobTable table, Principals principals, List<JobHandler> handlers,
			@Value("${rapport.jobs.lease-seconds:60}") int leaseSeconds, @Value("${rapport.jobs.threads:2}") int threads,
			@Value("${rapport.jobs.stop-grace-seconds:10}") int stopGraceSeconds) {
		this.table = table;
		this.principals = principals;
		for (JobHandler h : handlers) {
			JobHandler previous = this.handlers.putIfAbsent(h.type(), h);
			if (previous != null) {
				throw new IllegalStateException("Two job handlers for the type " + h.type() + ": "
						+ previous.getClass().getName() + " and " + h.getClass().getName());
			}
		}
		this.lease = Duration.ofSeconds(leaseSeconds);
		this.threads = threads;
		this.stopGrace = Duration.ofSeconds(stopGraceSeconds);
	}

	@Override
	public void start() {
		running = true;
		if (threads == 0) {
			log.info("Job runner {} runs no jobs here (rapport.jobs.threads=0)", host);
			return;
		}
		AtomicInteger n = new AtomicInteger();
		executor = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "rapport-job-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		log.info("Job runner {} started with {} threads and a lease of {} s", host, threads, lease.toSeconds());
	}

	/**
	 * Asks running handlers to save and return, waits for them a little, then interrupts what is left. Their jobs stay
	 * In Progress with this node's lease, so once it expires another node, or this one after its restart, resumes them.
	 */
	@Override
	public void stop() {
		running = false;
		if (executor == null) {
			return;
		}
		int stopping = active.size();
		active.values().forEach(RunningJob::stop);
		executor.shutdown();
		try {
			if (!executor.awaitTermination(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
				executor.shutdownNow();
				executor.awaitTermination(2, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
		log.info("Job runner {} stopped; {} running job(s) asked to stop, {} still running", host, stopping, active.size());
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Scheduled(fixedDelayString = "${rapport.jobs.poll-ms:1000}")
	void poll() {
		if (!running || executor == null) {
			return;
		}
		try {
			heartbeat();
			claimWaiting();
		} catch (RuntimeException e) {
			log.warn("Job runner {} could not poll for jobs: {}", host, e.getMessage());
		}
	}

	/** Renews this node's leases and passes cancel requests on to the running handlers. */
	private void heartbeat() {
		if (active.isEmpty()) {
			return;
		}
		table.renew(active.keySet(), host, JobTable.now().plus(lease));
		for (UUID id : table.cancelRequested(active.keySet())) {
			RunningJob job = active.get(id);
			if (job != null) {
				job.cancel();
			}
		}
	}

	private void claimWaiting() {
		int free = threads - active.size();
		if (free <= 0) {
			return;
		}
		OffsetDateTime now = JobTable.now();
		for (JobTable.Candidate candidate : table.claimable(now, free * 4)) {
			if (free == 0 || !running) {
				return;
			}
			if (table.claim(candidate, host, now, now.plus(lease))) {
				free--;
				start(candidate.id());
			}
		}
	}

	private void start(UUID id) {
		JobTable.Claimed claimed = table.load(id);
		if (claimed == null) {
			return;
		}
		log.info("Job runner {} starts job {} '{}' ({})", host, id, claimed.name(), claimed.type());
		Principal owner = owner(claimed);
		RunningJob job = new RunningJob(table, host, lease, claimed, owner);
		active.put(id, job);
		if (!running) {
			job.stop();
		}
		try {
			executor.execute(() -> run(job, claimed.type()));
		} catch (RuntimeException e) {
			active.remove(id);
			log.info("Job {} not started: the runner is stopping", id);
		}
	}

	private Principal owner(JobTable.Claimed claimed) {
		if (claimed.ownerId() == null || !"systemuser".equals(claimed.ownerType())) {
			return null;
		}
		return principals.of(claimed.ownerId()).orElse(null);
	}

	private void run(RunningJob job, String type) {
		UUID id = job.jobId();
		try {
			if (job.cancelRequested()) {
				if (!job.abandoned()) {
					finish(job, JobStatus.Canceled, null, null);
				}
				return;
			}
			JobHandler handler = handlers.get(type);
			if (handler == null) {
				String text = "This server has no handler for jobs of type '" + type + "', so the job cannot run.";
				finish(job, JobStatus.Failed, text + " Check the type the job was submitted with.", text);
				return;
			}
			if (job.principal() == null) {
				String text = "The owner of this job no longer exists or is disabled, so the job cannot act for them.";
				finish(job, JobStatus.Failed, text, text);
				return;
			}
			handler.run(job);
			if (job.abandoned()) {
				log.info("Job {} stopped with the node; it resumes from its last checkpoint", id);
			} else {
				finish(job, job.sawCancel() ? JobStatus.Canceled : JobStatus.Succeeded, null, null);
			}
		} catch (ClaimLost e) {
			log.warn("Job {} was taken over by another node; this node stopped running it", id);
		} catch (RuntimeException e) {
			failed(job, e);
		} finally {
			active.remove(id);
		}
	}

	private void failed(RunningJob job, RuntimeException e) {
		if (job.stopping()) {
			log.info("Job {} was interrupted by the node stopping ({}); it resumes from its last checkpoint",
					job.jobId(), e.toString());
			return;
		}
		if (e instanceof RapportException r) {
			log.info("Job {} failed: {}", job.jobId(), r.getMessage());
			finish(job, JobStatus.Failed, r.getMessage(), r.getMessage());
			return;
		}
		String reference = UUID.randomUUID().toString().substring(0, 8);
		log.error("Job {} failed unexpectedly (reference {})", job.jobId(), reference, e);
		finish(job, JobStatus.Failed, "The job stopped because of an unexpected error (reference " + reference
				+ "). The error has been logged; retry the job, and tell your administrator if it fails again.",
				"The job stopped because of an unexpected error.");
	}

	private void finish(RunningJob job, JobStatus status, String message, String friendlyMessage) {
		try {
			if (table.finish(job.jobId(), host, status, message, friendlyMessage)) {
				log.info("Job {} {}", job.jobId(), status);
			} else {
				log.warn("Job {} ended as {} on {}, but another node holds it now", job.jobId(), status, host);
			}
		} catch (RuntimeException e) {
			log.warn("Job {} ended as {} but could not be marked so ({}); it runs again from its last checkpoint",
					job.jobId(), status, e.getMessage());
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		} catch (java.io.IOException | SecurityException e) {
			return "node";
		}
	}
}
