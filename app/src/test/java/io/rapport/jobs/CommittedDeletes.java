package io.rapport.jobs;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.rapport.data.Message;
import io.rapport.data.RecordChanged;

/** Counts the deletes that committed, per record, across every test node of the JVM. */
public class CommittedDeletes {

	public static final Map<UUID, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(RecordChanged change) {
		if (change.message() == Message.Delete) {
			COUNTS.computeIfAbsent(change.record().id(), id -> new AtomicInteger()).incrementAndGet();
		}
	}
}
