package io.rapport.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import io.rapport.Rapport;
import io.rapport.test.TestDatabase;

/**
 * A malformed entity definition stops the application before it touches the database: the operator reads which file
 * and field to fix, and the database is exactly as it was (here: empty).
 */
class MalformedMetadataStartupIntegrationTest {

	@Test
	void malformedMetadataRefusesToStartAndCreatesNothing() throws Exception {
		Map<String, Object> database = TestDatabase.properties("badmeta");
		List<String> args = new ArrayList<>();
		database.forEach((key, value) -> args.add("--" + key + "=" + value));
		args.add("--rapport.metadata.location=classpath*:bad-metadata/{dir:base|delete-nocascade}/*.json");
		args.add("--server.port=0");
		args.add("--rapport.demo-data=false");
		args.add("--spring.jmx.enabled=false");

		Throwable failure = catchThrowable(() -> SpringApplication.run(Rapport.class, args.toArray(String[]::new)).close());

		assertThat(failure).as("the start-up failed").isNotNull();
		assertThat(rootCause(failure)).isInstanceOf(InvalidDefinitionException.class)
			.hasMessage("widget.json: relationships[0].cascade.delete: must be Cascade, RemoveLink or Restrict");
		assertThat(tables(database)).as("tables in the database").isEmpty();
	}

	private static Throwable rootCause(Throwable t) {
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t;
	}

	private static List<String> tables(Map<String, Object> database) throws Exception {
		String url = (String) database.get("spring.datasource.url");
		String schema = TestDatabase.postgres() ? (String) database.get("spring.flyway.schemas") : "public";
		List<String> tables = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(url, (String) database.get("spring.datasource.username"),
				(String) database.get("spring.datasource.password"));
				ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] { "TABLE", "BASE TABLE" })) {
			while (rs.next()) {
				tables.add(rs.getString("TABLE_NAME"));
			}
		}
		return tables;
	}
}
