package io.rapport.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.rapport.Rapport;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.TestDatabase;

/**
 * The schema sync runs at every start-up: on a database it already synced it changes nothing, and what admins
 * customized at runtime comes back after a restart, still usable.
 */
class SchemaSyncRestartIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	final Map<String, Object> database = TestDatabase.properties("restart");

	@Test
	void restartingChangesNoTableAndKeepsRuntimeCustomizationsWorking() throws Exception {
		TreeSet<String> schemaAfterFirstRun;
		long revision;
		UUID account;
		try (ConfigurableApplicationContext app = start()) {
			Customizations customizations = app.getBean(Customizations.class);
			customizations.addAttribute("account", DefinitionJson.attribute("test", """
					{"name": "new_loyalty", "type": "Integer", "min": 0, "max": 10}
					""".getBytes(StandardCharsets.UTF_8)), SYSTEM);
			customizations.createEntity(DefinitionJson.entity("test", """
					{"logicalName": "new_visit", "displayName": "Visit", "ownership": "UserOwned",
					 "primaryNameAttribute": "new_name",
					 "attributes": [{"name": "new_name", "type": "String", "required": "ApplicationRequired"},
					                {"name": "new_accountid", "type": "Lookup", "targets": ["account"]},
					                {"name": "new_visitor", "type": "Customer"}],
					 "keys": [{"name": "new_name", "attributes": ["new_name"]}]}
					""".getBytes(StandardCharsets.UTF_8)), SYSTEM);
			Records records = app.getBean(Records.class);
			account = records.create(SYSTEM, new EntityRecord("account").set("name", "Loyal").set("new_loyalty", 5));
			records.create(SYSTEM, new EntityRecord("new_visit").set("new_name", "First visit")
				.set("new_accountid", new RecordRef("account", account)));
			schemaAfterFirstRun = schema(app);
			revision = app.getBean(Metadata.class).revision();
		}
		assertThat(schemaAfterFirstRun).anyMatch(c -> c.startsWith("column account.new_loyalty "))
			.anyMatch(c -> c.startsWith("column new_visit.new_visitortype "));

		TreeSet<String> schemaAfterSecondRun;
		try (ConfigurableApplicationContext app = start()) {
			assertThat(schema(app)).isEqualTo(schemaAfterFirstRun);
			Metadata metadata = app.getBean(Metadata.class);
			assertThat(metadata.revision()).isEqualTo(revision);
			assertThat(metadata.entity("account").attribute("new_loyalty")).get()
				.satisfies(a -> assertThat(a.maxValue()).isEqualByComparingTo("10"));
			Records records = app.getBean(Records.class);
			Queries queries = app.getBean(Queries.class);
			assertThat(records.retrieve(SYSTEM, "account", account).get("new_loyalty")).isEqualTo(5);
			records.update(SYSTEM, new EntityRecord("account", account).set("new_loyalty", 6));
			assertThat(queries.execute(SYSTEM, Query.of("account").where(Criterion.where("new_loyalty", Operator.Eq, 6)))
				.records()).extracting(EntityRecord::id).containsExactly(account);
			records.create(SYSTEM, new EntityRecord("new_visit").set("new_name", "Second visit")
				.set("new_accountid", new RecordRef("account", account)));
			app.getBean(Customizations.class).addAttribute("new_visit", DefinitionJson.attribute("test", """
					{"name": "new_notes", "type": "Memo"}
					""".getBytes(StandardCharsets.UTF_8)), SYSTEM);
			schemaAfterSecondRun = schema(app);
		}
		assertThat(schemaAfterSecondRun).anyMatch(c -> c.startsWith("column new_visit.new_notes "));

		try (ConfigurableApplicationContext app = start()) {
			assertThat(schema(app)).isEqualTo(schemaAfterSecondRun);
			Queries queries = app.getBean(Queries.class);
			assertThat(queries.execute(SYSTEM, Query.of("new_visit").select("new_name")
				.where(Criterion.where("new_accountid", Operator.Eq, account))).records())
				.extracting(r -> r.get("new_name")).containsExactlyInAnyOrder("First visit", "Second visit");
			assertThat(app.getBean(Records.class).retrieve(SYSTEM, "account", account).get("new_loyalty")).isEqualTo(6);
		}
	}

	private ConfigurableApplicationContext start() {
		List<String> args = new ArrayList<>();
		database.forEach((key, value) -> args.add("--" + key + "=" + value));
		args.add("--server.port=0");
		args.add("--rapport.demo-data=false");
		args.add("--rapport.admin-password=admin-test");
		args.add("--spring.jmx.enabled=false");
		return SpringApplication.run(Rapport.class, args.toArray(String[]::new));
	}

	/** Every table, column (with its type), index and constraint of the application's schema, one line each. */
	private static TreeSet<String> schema(ConfigurableApplicationContext app) {
		return app.getBean(DSLContext.class).connectionResult(c -> {
			TreeSet<String> lines = new TreeSet<>();
			DatabaseMetaData md = c.getMetaData();
			String schema = c.getSchema();
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = md.getTables(null, schema, "%", new String[] { "TABLE", "BASE TABLE" })) {
				while (rs.next()) {
					tables.add(rs.getString("TABLE_NAME"));
				}
			}
			for (String table : tables) {
				lines.add("table " + table);
				try (ResultSet rs = md.getColumns(null, schema, table, "%")) {
					while (rs.next()) {
						lines.add("column " + table + "." + rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + "("
								+ rs.getInt("COLUMN_SIZE") + "," + rs.getInt("DECIMAL_DIGITS") + ") nullable="
								+ rs.getString("IS_NULLABLE"));
					}
				}
				try (ResultSet rs = md.getIndexInfo(null, schema, table, false, false)) {
					while (rs.next()) {
						lines.add("index " + table + "." + rs.getString("INDEX_NAME") + " " + rs.getString("COLUMN_NAME")
								+ " unique=" + !rs.getBoolean("NON_UNIQUE"));
					}
				}
			}
			lines.addAll(constraints(c, schema));
			return lines;
		});
	}

	private static List<String> constraints(Connection c, String schema) throws java.sql.SQLException {
		List<String> lines = new ArrayList<>();
		try (var statement = c.prepareStatement("select table_name, constraint_name, constraint_type "
				+ "from information_schema.table_constraints where lower(table_schema) = lower(?)")) {
			statement.setString(1, schema);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					lines.add("constraint " + rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
				}
			}
		}
		return lines;
	}
}
