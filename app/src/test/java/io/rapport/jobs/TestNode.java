package io.rapport.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.rapport.Rapport;
import io.rapport.core.Principal;
import io.rapport.security.Principals;
import io.rapport.test.TestDatabase;

/**
 * One application node of its own, on a database shared by the nodes started with the same name: nodes can be stopped
 * and started again on the same data. Runs the test job handlers besides the real ones, counts committed deletes and has a {@link DeleteGate}.
 */
public final class TestNode implements AutoCloseable {

	public static final UUID ADMIN_ID = UUID.fromString("00000000-0000-0000-0000-000000000002");

	private final ConfigurableApplicationContext context;

	private TestNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static TestNode start(String database, String... extraProperties) {
		Map<String, Object> properties = new LinkedHashMap<>(TestDatabase.properties(database));
		properties.put("server.port", "0");
		properties.put("rapport.demo-data", "false");
		properties.put("rapport.admin-password", "admin-test");
		properties.put("rapport.jobs.poll-ms", "50");
		for (int i = 0; i + 1 < extraProperties.length; i += 2) {
			properties.put(extraProperties[i], extraProperties[i + 1]);
		}
		String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new TestNode(new SpringApplicationBuilder(Rapport.class, TestJobs.class, CommittedDeletes.class, DeleteGate.class).run(args));
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	public int port() {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	public Principal admin() {
		return bean(Principals.class).of(ADMIN_ID).orElseThrow();
	}

	/** The job runner of this node: running until the node starts stopping. */
	public org.springframework.context.SmartLifecycle jobRunner() {
		return context.getBean("jobRunner", org.springframework.context.SmartLifecycle.class);
	}

	@Override
	public void close() {
		context.close();
	}
}
