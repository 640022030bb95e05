package io.rapport.jobs;

import java.util.Arrays;

/** Where a job is, with Dataverse's state and status reason values of the system job (asyncoperation). */
public enum JobStatus {

	WaitingForResources(0, 0), Waiting(0, 10), Suspended(1, 11), InProgress(2, 20), Pausing(2, 21), Canceling(2, 22),
	Succeeded(3, 30), Failed(3, 31), Canceled(3, 32);

	/** The Ready state: waiting to be claimed. */
	public static final int READY = 0;
	public static final int SUSPENDED = 1;
	/** The Locked state: claimed by a node and running. */
	public static final int LOCKED = 2;
	public static final int COMPLETED = 3;

	private final int state;
	private final int statusCode;

	JobStatus(int state, int statusCode) {
		this.state = state;
		this.statusCode = statusCode;
	}

	/** The statecode value. */
	public int state() {
		return state;
	}

	/** The statuscode value. */
	public int statusCode() {
		return statusCode;
	}

	/** The status reason as people read it, such as "In Progress". */
	public String label() {
		return name().replaceAll("(?<=[a-z])(?=[A-Z])", " ");
	}

	public boolean finished() {
		return state == COMPLETED;
	}

	public static JobStatus of(int statusCode) {
		return Arrays.stream(values()).filter(s -> s.statusCode == statusCode).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No system job status " + statusCode));
	}
}
