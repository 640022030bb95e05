package io.rapport.customers.internal;

import java.util.Arrays;
import java.util.Optional;

/** How a duplicate rule condition compares two values (Dataverse's operatorcode values). */
enum MatchOperator {
	ExactMatch(0), SameFirstCharacters(1), SameLastCharacters(2), SameDate(3), SameDateAndTime(4), ExactMatchPickList(5);

	private final int code;

	MatchOperator(int code) {
		this.code = code;
	}

	int code() {
		return code;
	}

	static Optional<MatchOperator> of(Integer code) {
		return Arrays.stream(values()).filter(o -> code != null && o.code == code).findFirst();
	}

	/** Compares a number of characters, given by the condition's operatorparam. */
	boolean countsCharacters() {
		return this == SameFirstCharacters || this == SameLastCharacters;
	}

	/** Whether an index on the attribute serves it; the last characters of text are not indexable. */
	boolean indexable() {
		return this != SameLastCharacters;
	}

	/** Equality on the whole value, so it leads an index before the range comparisons. */
	boolean equality() {
		return this == ExactMatch || this == ExactMatchPickList;
	}
}
