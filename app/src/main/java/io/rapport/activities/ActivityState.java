package io.rapport.activities;

import java.util.Set;

/** The states a person filters activities by: open (appointments: also scheduled), completed, canceled. */
public enum ActivityState {

	Open(Set.of(ActivityType.OPEN, ActivityType.SCHEDULED)), Completed(Set.of(ActivityType.COMPLETED)),
	Canceled(Set.of(ActivityType.CANCELED));

	private final Set<Integer> statecodes;

	ActivityState(Set<Integer> statecodes) {
		this.statecodes = statecodes;
	}

	/** The statecode values this state covers. */
	public Set<Integer> statecodes() {
		return statecodes;
	}
}
