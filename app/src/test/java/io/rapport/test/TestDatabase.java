package io.rapport.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context at the database the suite runs on: {@code -Drapport.test.db=h2} (default, an in-memory
 * database per test JVM) or {@code postgres} (the server at RAPPORT_TEST_PG_URL, default the local "test" database,
 * in a schema of its own per test JVM, dropped at exit, so runs never collide).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String KIND = System.getProperty("rapport.test.db", "h2");

	private static final String RUN = "t" + Long.toString(System.currentTimeMillis(), 36) + "_"
			+ UUID.randomUUID().toString().substring(0, 8);

	private static volatile boolean schemaCreated;

	public static boolean postgres() {
		return KIND.equals("postgres");
	}

	/** Connection settings for the suite's database, for a given database name suffix (one per independent app). */
	public static Map<String, Object> properties(String suffix) {
		String schema = RUN + (suffix.isEmpty() ? "" : "_" + suffix);
		if (postgres()) {
			String server = System.getenv().getOrDefault("RAPPORT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
			String user = System.getenv().getOrDefault("RAPPORT_TEST_PG_USER", "postgres");
			createSchema(server, user, schema);
			return Map.of("spring.datasource.url", server + "?currentSchema=" + schema
					+ "&options=-c%20plan_cache_mode%3Dforce_custom_plan", "spring.datasource.username", user,
					"spring.datasource.password", System.getenv().getOrDefault("RAPPORT_TEST_PG_PASSWORD", ""),
					"spring.flyway.schemas", schema, "spring.flyway.default-schema", schema);
		}
		return Map.of("spring.datasource.url", "jdbc:h2:mem:" + schema
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"spring.datasource.username", "sa", "spring.datasource.password", "");
	}

	/**
	 * Properties as command-line arguments, which (unlike SpringApplicationBuilder.properties) take precedence over
	 * application.yml.
	 */
	public static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	private static synchronized void createSchema(String url, String user, String schema) {
		try (Connection c = DriverManager.getConnection(url, user, System.getenv().getOrDefault("RAPPORT_TEST_PG_PASSWORD", ""));
				Statement s = c.createStatement()) {
			s.execute("create schema if not exists " + schema);
		} catch (Exception e) {
			throw new IllegalStateException("Cannot prepare the PostgreSQL test schema " + schema + " at " + url, e);
		}
		if (!schemaCreated) {
			schemaCreated = true;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchemas(url, user)));
		}
	}

	private static void dropSchemas(String url, String user) {
		try (Connection c = DriverManager.getConnection(url, user, System.getenv().getOrDefault("RAPPORT_TEST_PG_PASSWORD", ""));
				Statement s = c.createStatement();
				var rs = c.createStatement().executeQuery(
						"select schema_name from information_schema.schemata where schema_name like '" + RUN + "%'")) {
			while (rs.next()) {
				s.execute("drop schema if exists " + rs.getString(1) + " cascade");
			}
		} catch (Exception e) {
			System.err.println("Could not drop the test schemas " + RUN + "*: " + e.getMessage());
		}
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rapport-test-db", properties("")));
	}
}
