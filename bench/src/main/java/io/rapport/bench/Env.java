package io.rapport.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;

/** What every benchmark works with: the engine's beans, raw connections to the same schema, and where plans are kept. */
final class Env {

	final BenchConfig config;
	final Dataset dataset;
	final Queries queries;
	final Metadata metadata;
	final Records records;

	/** The running application, for the beans a benchmark needs beyond the three above. */
	final org.springframework.context.ApplicationContext context;

	/** A Salesperson of a business unit below the root (business-unit read depth, an owner team, shares): B3 lists as this user. */
	final Principal user;

	/** The generated user the benchmarks act as (the bench Salesperson). */
	static final int USER = 3;

	/**
	 * The administrator (System Administrator role, organization depth): B4 and B10 read records from anywhere in the
	 * data set, so they run as a user who may read them all; the access check still runs, its predicate is empty.
	 */
	final Principal reader = Principal.user(java.util.UUID.fromString("00000000-0000-0000-0000-000000000002"),
			Principal.ROOT_BUSINESS_UNIT_ID);

	/** EXPLAIN summaries gathered by the benchmarks, for the report. */
	final Map<String, Explain.Plan> plans = new LinkedHashMap<>();

	Env(BenchConfig config, Dataset dataset, org.springframework.context.ApplicationContext context) {
		this.config = config;
		this.dataset = dataset;
		this.context = context;
		this.queries = context.getBean(Queries.class);
		this.metadata = context.getBean(Metadata.class);
		this.records = context.getBean(Records.class);
		this.user = Principal.user(Generator.userId(USER), Generator.businessUnitId(Generator.businessUnitOf(USER)));
	}

	Connection connect() throws SQLException {
		return dataset.connect();
	}

	/** A raw client: one connection of its own, closed with the client. */
	interface RawCall {
		void call(Connection c, java.util.SplittableRandom random) throws Exception;
	}

	Load.ClientFactory raw(RawCall call) {
		return () -> {
			Connection c = connect();
			return new Load.Client() {
				@Override
				public void call(java.util.SplittableRandom random) throws Exception {
					call.call(c, random);
				}

				@Override
				public void close() throws Exception {
					c.close();
				}
			};
		};
	}

	/** Reads every column of every row, as a client of the raw SQL would; returns the row count. */
	static int drain(ResultSet rs) throws SQLException {
		int columns = rs.getMetaData().getColumnCount();
		int rows = 0;
		while (rs.next()) {
			for (int i = 1; i <= columns; i++) {
				rs.getObject(i);
			}
			rows++;
		}
		return rows;
	}

	/** The ids (first column) of the rows of a literal SQL statement. */
	static List<UUID> ids(Connection c, String sql) throws SQLException {
		List<UUID> ids = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				ids.add((UUID) rs.getObject(1));
			}
		}
		return ids;
	}

	/**
	 * Waits until the application's server has no request in progress (a load generator that stopped may have left
	 * some), polling its worker pool, for at most {@code max}.
	 */
	void awaitIdleServer(java.time.Duration max) {
		if (!(context instanceof org.springframework.boot.web.server.context.WebServerApplicationContext web)
				|| !(web.getWebServer() instanceof org.springframework.boot.tomcat.TomcatWebServer tomcat)
				|| !(tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor()
						instanceof org.apache.tomcat.util.threads.ThreadPoolExecutor pool)) {
			throw new IllegalStateException("The application's server is not a Tomcat with a worker pool");
		}
		long deadline = System.nanoTime() + max.toNanos();
		while (pool.getActiveCount() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(pool.getActiveCount() + " requests still in progress after " + max);
			}
			java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));
		}
	}
}
