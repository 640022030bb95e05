package io.rapport.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.rapport.core.RapportException;
import io.rapport.query.Criterion;
import io.rapport.query.LinkEntity;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;

/**
 * Nodes are stateless (D8): the next page may be asked of another node, or of the same node after a restart. This
 * test plays the other node with a second JVM, which must accept the cursor this JVM handed out.
 */
class CursorOnAnotherNodeTest {

	static Query query() {
		return Query.of("contact")
			.where(Criterion.or(Criterion.where("lastname", Operator.BeginsWith, "Sm"),
					Criterion.and(Criterion.where("annualincome", Operator.Between, new BigDecimal("10.5"), 20),
							Criterion.where("parentcustomerid", Operator.Eq, UUID.fromString("6a4d4c1e-0000-4000-8000-000000000001")))))
			.link(new LinkEntity("account", "parentcustomerid", "accountid", true, "company", List.of("name"),
					Criterion.where("name", Operator.NotNull)))
			.orderBy(Order.desc("lastname"));
	}

	/** The other node: exits with 0 when it accepts the cursor given as the first argument, 3 when it refuses it. */
	public static void main(String[] args) {
		try {
			Cursor.decode(args[0], Cursor.fingerprint(query()));
			System.exit(0);
		} catch (RapportException e) {
			System.exit(3);
		}
	}

	@Test
	void anotherNodeAcceptsTheCursorOfTheSameQuery() throws Exception {
		String cursor = Cursor.keyset(List.of("Smith", "0b7e7b44-5c2e-4b8e-9a53-0d0c4a8e5f11"), Cursor.fingerprint(query()))
			.encode();

		assertThat(onAnotherNode(cursor)).isZero();
	}

	@Test
	void anotherNodeRefusesTheCursorOfADifferentQuery() throws Exception {
		String cursor = Cursor.keyset(List.of("Smith"), Cursor.fingerprint(query().orderBy(Order.asc("firstname"))))
			.encode();

		assertThat(onAnotherNode(cursor)).isEqualTo(3);
	}

	private static int onAnotherNode(String cursor) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				CursorOnAnotherNodeTest.class.getName(), cursor)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the other node finished").isTrue();
		assertThat(output).as("output of the other node").doesNotContain("Exception");
		return process.exitValue();
	}
}
