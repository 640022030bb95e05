package io.rapport.jobs.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.rapport.core.Principal;
import io.rapport.jobs.JobExecution;
import io.rapport.jobs.JobProgress;

/** A job this node has claimed and is running: what its handler sees. */
final class RunningJob implements JobExecution {

	private final JobTable table;
	private final String host;
	private final Duration lease;
	private final JobTable.Claimed claimed;
	private final Principal principal;
	private volatile String checkpoint;
	private volatile JobProgress progress;
	private volatile boolean cancel;
	private volatile boolean stopping;
	private volatile boolean sawCancel;
	private volatile boolean sawStop;

	RunningJob(JobTable table, String host, Duration lease, JobTable.Claimed claimed, Principal principal) {
		this.table = table;
		this.host = host;
		this.lease = lease;
		this.claimed = claimed;
		this.principal = principal;
		this.checkpoint = claimed.checkpoint();
		this.progress = claimed.progress();
		this.cancel = claimed.cancelRequested();
	}

	@Override
	public UUID jobId() {
		return claimed.id();
	}

	@Override
	public String name() {
		return claimed.name();
	}

	@Override
	public Principal principal() {
		return principal;
	}

	@Override
	public String input() {
		return claimed.input();
	}

	@Override
	public OffsetDateTime startedOn() {
		return claimed.startedOn();
	}

	@Override
	public Optional<String> checkpoint() {
		return Optional.ofNullable(checkpoint);
	}

	@Override
	public JobProgress progress() {
		return progress;
	}

	@Override
	public void checkpoint(String state, JobProgress newProgress) {
		if (!table.save(jobId(), host, state, newProgress, JobTable.now().plus(lease))) {
			throw new ClaimLost(jobId());
		}
		afterCommit(() -> {
			checkpoint = state;
			progress = newProgress;
		});
	}

	@Override
	public void message(String message) {
		if (!table.message(jobId(), host, message)) {
			throw new ClaimLost(jobId());
		}
	}

	@Override
	public boolean cancelRequested() {
		if (cancel) {
			sawCancel = true;
			return true;
		}
		if (stopping) {
			sawStop = true;
			return true;
		}
		return false;
	}

	/** The owner asked to cancel: seen by the handler at its next check. */
	void cancel() {
		cancel = true;
	}

	/** This node is stopping: the handler should save and return; the job is resumed elsewhere or later. */
	void stop() {
		stopping = true;
	}

	boolean sawCancel() {
		return sawCancel;
	}

	/** The handler returned because the node is stopping, not because it finished or was canceled. */
	boolean abandoned() {
		return sawStop && !sawCancel;
	}

	boolean stopping() {
		return stopping;
	}

	private static void afterCommit(Runnable update) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			update.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				update.run();
			}
		});
	}
}
