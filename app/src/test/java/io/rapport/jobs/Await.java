package io.rapport.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a value every 20 ms until it satisfies a condition, or fails the test after a timeout. */
public final class Await {

	private Await() {
	}

	public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<T> condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		T last = value.get();
		while (!condition.test(last)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last value: " + last);
			}
			try {
				TimeUnit.MILLISECONDS.sleep(20);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + what, e);
			}
			last = value.get();
		}
		return last;
	}
}
