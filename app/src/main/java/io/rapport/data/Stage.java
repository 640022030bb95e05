package io.rapport.data;

/**
 * Where a handler runs. Validate, PreOperation and PostOperation run inside the transaction of the message, in that
 * order around the operation itself; a handler that throws rolls the whole message back. After-commit work listens
 * to the {@link RecordChanged} event instead.
 */
public enum Stage {
	Validate, PreOperation, PostOperation
}
