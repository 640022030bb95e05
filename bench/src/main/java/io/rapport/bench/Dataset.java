package io.rapport.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;

/**
 * The benchmark's own schema ({@code bench_<scale>}) and its data. A schema holding a complete data set of the same
 * scale and generator version is reused; anything else is dropped and made again: the application creates the tables
 * at start-up, then {@link #load} fills them with COPY.
 */
final class Dataset {

	private static final String MARKER = "bench_dataset";

	/** The default Salesperson role: reads contacts of its business unit, owns its own. */
	static final java.util.UUID SALESPERSON_ROLE = java.util.UUID.fromString("00000000-0000-0000-0000-0000000000a3");

	private final BenchConfig config;

	/** Figures about the data set, for the report. */
	final Map<String, Object> facts = new LinkedHashMap<>();

	Dataset(BenchConfig config) {
		this.config = config;
	}

	Connection connect() throws SQLException {
		Connection c = DriverManager.getConnection(config.schemaUrl(), config.user(), config.password());
		c.setAutoCommit(true);
		return c;
	}

	/** Before the application starts: keeps a complete schema of this scale, or drops it so the app creates it anew. */
	boolean prepare() throws SQLException {
		String schema = config.schema();
		try (Connection c = DriverManager.getConnection(config.db(), config.user(), config.password());
				Statement s = c.createStatement()) {
			boolean complete = false;
			try (ResultSet rs = s.executeQuery("select 1 from information_schema.tables where table_schema = '" + schema
					+ "' and table_name = '" + MARKER + "'")) {
				if (rs.next()) {
					try (ResultSet m = s.executeQuery("select scale, generator, contacts from " + schema + "." + MARKER)) {
						complete = m.next() && m.getLong(1) == config.scale() && m.getInt(2) == Generator.VERSION
								&& m.getLong(3) == config.scale();
					}
				}
			}
			if (!complete) {
				s.execute("drop schema if exists " + schema + " cascade");
				s.execute("create schema " + schema);
			}
			facts.put("schema", schema);
			facts.put("reused", complete);
			return complete;
		}
	}

	/** After the application created the tables: business units and users through the record pipeline, then COPY. */
	void load(Records records) throws SQLException {
		Generator gen = new Generator(config.scale());
		long t0 = System.nanoTime();
		Principal system = Principal.systemPrincipal();
		for (int b = 0; b < Generator.BUSINESS_UNITS; b++) {
			int parent = Generator.parentOf(b);
			records.create(system, new EntityRecord("businessunit", Generator.businessUnitId(b))
				.set("name", Generator.businessUnitName(b))
				.set("parentbusinessunitid", new RecordRef("businessunit",
						parent < 0 ? Principal.ROOT_BUSINESS_UNIT_ID : Generator.businessUnitId(parent))));
		}
		for (int u = 0; u < Generator.USERS; u++) {
			String[] n = Generator.userName(u);
			records.create(system, new EntityRecord("systemuser", Generator.userId(u))
				.set("domainname", n[2])
				.set("firstname", n[0])
				.set("lastname", n[1])
				.set("fullname", n[0] + " " + n[1])
				.set("internalemailaddress", n[2])
				.set("businessunitid", new RecordRef("businessunit", Generator.businessUnitId(Generator.businessUnitOf(u)))));
		}
		java.util.List<RecordRef> everyone = new java.util.ArrayList<>();
		for (int u = 0; u < Generator.USERS; u++) {
			everyone.add(new RecordRef("systemuser", Generator.userId(u)));
		}
		records.associate(system, new RecordRef("role", SALESPERSON_ROLE), "systemuserroles_association", everyone);
		for (int t = 0; t < Generator.TEAMS; t++) {
			records.create(system, new EntityRecord("team", Generator.teamId(t)).set("name", "Bench team " + t).set("teamtype", 0)
				.set("businessunitid", new RecordRef("businessunit", Generator.businessUnitId(t % Generator.BUSINESS_UNITS))));
			java.util.List<RecordRef> members = new java.util.ArrayList<>();
			for (int u = t; u < Generator.TEAM_MEMBERS; u += Generator.TEAMS) {
				members.add(new RecordRef("systemuser", Generator.userId(u)));
			}
			records.associate(system, new RecordRef("team", Generator.teamId(t)), "teammembership_association", members);
		}
		try (Connection c = connect()) {
			CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
			long a0 = System.nanoTime();
			CopyLine accounts = new CopyLine(copy.copyIn("COPY account (" + Generator.ACCOUNT_COLUMNS + ") FROM STDIN"));
			for (long i = 0; i < gen.accounts(); i++) {
				gen.account(i, accounts);
			}
			long accountRows = accounts.finish();
			double accountSeconds = (System.nanoTime() - a0) / 1e9;
			long c0 = System.nanoTime();
			CopyLine contacts = new CopyLine(copy.copyIn("COPY contact (" + Generator.CONTACT_COLUMNS + ") FROM STDIN"));
			for (long i = 0; i < gen.contacts(); i++) {
				gen.contact(i, contacts);
			}
			long contactRows = contacts.finish();
			double contactSeconds = (System.nanoTime() - c0) / 1e9;
			CopyLine shares = new CopyLine(copy.copyIn("COPY principalobjectaccess (" + Generator.SHARE_COLUMNS + ") FROM STDIN"));
			long shareCount = gen.directShares() + gen.teamShares();
			for (long k = 0; k < shareCount; k++) {
				gen.share(k, shares);
			}
			long shareRows = shares.finish();
			if (shareRows != shareCount) {
				throw new IllegalStateException("COPY loaded " + shareRows + " shares, expected " + shareCount);
			}
			facts.put("directShares", gen.directShares());
			long a1 = System.nanoTime();
			copy(copy, "phonecall", Generator.PHONE_CALL_COLUMNS, gen.phoneCalls(), gen::phoneCall);
			copy(copy, "task", Generator.TASK_COLUMNS, gen.tasks(), gen::task);
			copy(copy, "connection", Generator.CONNECTION_COLUMNS, gen.connections() * 2, gen::connection);
			facts.put("phoneCalls", gen.phoneCalls());
			facts.put("tasks", gen.tasks());
			facts.put("connections", gen.connections());
			facts.put("copyActivitiesAndConnectionsSeconds", round((System.nanoTime() - a1) / 1e9, 1));
			facts.put("teamShares", gen.teamShares());
			if (contactRows != gen.contacts() || accountRows != gen.accounts()) {
				throw new IllegalStateException("COPY loaded " + contactRows + " contacts and " + accountRows
						+ " accounts, expected " + gen.contacts() + " and " + gen.accounts());
			}
			long v0 = System.nanoTime();
			try (Statement s = c.createStatement()) {
				s.execute("vacuum (analyze) account");
				s.execute("vacuum (analyze) contact");
				s.execute("analyze systemuser");
				s.execute("analyze businessunit");
				s.execute("vacuum (analyze) principalobjectaccess");
				s.execute("vacuum (analyze) phonecall");
				s.execute("vacuum (analyze) task");
				s.execute("vacuum (analyze) connection");
			}
			double vacuumSeconds = (System.nanoTime() - v0) / 1e9;
			double total = (System.nanoTime() - t0) / 1e9;
			try (Statement s = c.createStatement()) {
				s.execute("create table " + MARKER + " (scale bigint not null, generator integer not null, seed bigint not null,"
						+ " contacts bigint not null, accounts bigint not null, loaded_at timestamp with time zone not null,"
						+ " load_seconds double precision not null)");
			}
			try (PreparedStatement p = c.prepareStatement(
					"insert into " + MARKER + " values (?, ?, ?, ?, ?, now(), ?)")) {
				p.setLong(1, config.scale());
				p.setInt(2, Generator.VERSION);
				p.setLong(3, Generator.SEED);
				p.setLong(4, contactRows);
				p.setLong(5, accountRows);
				p.setDouble(6, total);
				p.executeUpdate();
			}
			facts.put("copyContactsRowsPerSecond", Math.round(contactRows / contactSeconds));
			facts.put("copyContactsSeconds", round(contactSeconds, 1));
			facts.put("copyAccountsSeconds", round(accountSeconds, 1));
			facts.put("copyContactBytesPerRow", Math.round((double) contacts.bytes() / contactRows));
			facts.put("vacuumAnalyzeSeconds", round(vacuumSeconds, 1));
			facts.put("loadSeconds", round(total, 1));
		}
	}

	/** How one generated row is written. */
	interface RowWriter {
		void write(long index, CopyLine line);
	}

	private static void copy(CopyManager copy, String table, String columns, long rows, RowWriter writer)
			throws SQLException {
		CopyLine line = new CopyLine(copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
		for (long i = 0; i < rows; i++) {
			writer.write(i, line);
		}
		long loaded = line.finish();
		if (loaded != rows) {
			throw new IllegalStateException("COPY loaded " + loaded + " rows into " + table + ", expected " + rows);
		}
	}

	/** Sizes as stored, for the report (whether loaded now or reused). */
	void describe() throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement()) {
			try (ResultSet rs = s.executeQuery("select (select count(*) from contact), (select count(*) from account),"
					+ " pg_total_relation_size('contact'), pg_relation_size('contact'),"
					+ " (select avg(pg_column_size(t.*)) from (select * from contact limit 10000) t),"
					+ " (select avg(pg_column_size(row(fullname, firstname, lastname, jobtitle, department, emailaddress1,"
					+ " telephone1, address1_line1, address1_city, address1_postalcode, address1_country, annualincome)))"
					+ " from (select * from contact limit 10000) t)")) {
				rs.next();
				facts.put("contacts", rs.getLong(1));
				facts.put("accounts", rs.getLong(2));
				facts.put("contactTableMB", rs.getLong(4) / (1024 * 1024));
				facts.put("contactTotalWithIndexesMB", rs.getLong(3) / (1024 * 1024));
				facts.put("contactAvgRowBytes", Math.round(rs.getDouble(5)));
				facts.put("contactAvgBusinessDataBytes", Math.round(rs.getDouble(6)));
			}
			if (facts.get("contacts") instanceof Long n && n != config.scale()) {
				throw new IllegalStateException("The schema holds " + n + " contacts, expected " + config.scale());
			}
		}
	}

	static double round(double v, int digits) {
		double f = Math.pow(10, digits);
		return Math.round(v * f) / f;
	}
}
