package io.rapport.jobs;

import java.util.Set;

import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;

/**
 * Lets a test hold deletes of contacts at a known point: after {@link #closeAfter}(n) deletes, delete n + 1 waits until
 * {@link #open} (at most a minute). Open, and so without effect, unless a test closes it.
 */
public class DeleteGate implements PipelineHandler {

	private static final Object LOCK = new Object();
	private static long permits = Long.MAX_VALUE;

	public static void closeAfter(long deletes) {
		synchronized (LOCK) {
			permits = deletes;
		}
	}

	public static void open() {
		synchronized (LOCK) {
			permits = Long.MAX_VALUE;
			LOCK.notifyAll();
		}
	}

	/** True while a delete is held at the gate. */
	public static boolean holding() {
		synchronized (LOCK) {
			return permits < 0;
		}
	}

	@Override
	public String entity() {
		return "contact";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Delete);
	}

	@Override
	public Stage stage() {
		return Stage.PreOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		long deadline = System.currentTimeMillis() + 60_000;
		synchronized (LOCK) {
			permits--;
			while (permits < 0 && System.currentTimeMillis() < deadline) {
				try {
					LOCK.wait(100);
				} catch (InterruptedException e) {
					throw new IllegalStateException("Interrupted at the delete gate", e);
				}
			}
		}
	}
}
