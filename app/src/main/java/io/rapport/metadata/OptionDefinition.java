package io.rapport.metadata;

/**
 * One value of a choice. For status values, {@code state} is the state it belongs to; for state values,
 * {@code defaultStatus} is the status set when only the state is given.
 */
public record OptionDefinition(int value, String label, Integer state, Integer defaultStatus) {

	public OptionDefinition(int value, String label) {
		this(value, label, null, null);
	}
}
