package io.rapport.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * B10, engine level: deep paging through "active contacts by full name" (the whole table), 50 rows a page, with the
 * engine's keyset cursors, against the keyset SQL a DBA writes for the same page: a row comparison on (fullname,
 * contactid) served by the (fullname, contactid) index the schema sync creates. Measured: (1) page P (1,000 at full
 * scale) fetched with the cursor of page P-1, 8 threads; (2) the walk from page 1 to page P, one thread. Checked: the
 * compiled SQL has no OFFSET, the rows its plan reads for page P (EXPLAIN ANALYZE), and that both sides return the
 * same rows.
 */
final class B10DeepPaging {

	static final int PAGE = 50;

	/** What the engine selects for {@link B3ListView#COLUMNS}: id, the columns (with the lookup's type), version. */
	static final String COLUMNS = "contactid, fullname, emailaddress1, telephone1, jobtitle, address1_city, address1_country,"
			+ " parentcustomerid, parentcustomeridtype, versionnumber";
	static final String FIRST_PAGE = "select " + COLUMNS + " from contact where statecode = 0"
			+ " order by fullname, contactid limit " + (PAGE + 1);
	static final String NEXT_PAGE = "select " + COLUMNS + " from contact where statecode = 0"
			+ " and (fullname, contactid) > (?, ?) order by fullname, contactid limit " + (PAGE + 1);

	private B10DeepPaging() {
	}

	static Query view() {
		return Query.of("contact")
			.select(B3ListView.COLUMNS)
			.where(Criterion.where("statecode", Operator.Eq, 0))
			.orderBy(Order.asc("fullname"))
			.page(PAGE);
	}

	/** The end of one walk: the cursor that fetches page P, and page P's ids. */
	record Walk(double seconds, String cursor, String lastName, UUID lastId, List<UUID> ids) {
	}

	static Walk walkRapport(Env env, int pages) {
		Query view = view();
		long t0 = System.nanoTime();
		String cursor = null;
		String before = null;
		List<UUID> ids = null;
		for (int p = 1; p <= pages; p++) {
			if (p > 1 && cursor == null) {
				throw new IllegalStateException("The view ended at page " + (p - 1) + ", expected " + pages + " pages");
			}
			RecordPage page = env.queries.execute(env.reader, cursor == null ? view : view.after(cursor));
			if (p == pages) {
				before = cursor;
				ids = page.records().stream().map(EntityRecord::id).toList();
			}
			cursor = page.nextCursor();
		}
		return new Walk((System.nanoTime() - t0) / 1e9, before, null, null, ids);
	}

	static Walk walkRaw(Connection c, int pages) throws Exception {
		long t0 = System.nanoTime();
		String lastName = null;
		UUID lastId = null;
		String beforeName = null;
		UUID beforeId = null;
		List<UUID> ids = new ArrayList<>();
		try (PreparedStatement next = c.prepareStatement(NEXT_PAGE)) {
			for (int p = 1; p <= pages; p++) {
				ids.clear();
				ResultSet rs;
				Statement first = null;
				if (p == 1) {
					first = c.createStatement();
					rs = first.executeQuery(FIRST_PAGE);
				} else {
					next.setString(1, lastName);
					next.setObject(2, lastId);
					rs = next.executeQuery();
				}
				String bn = lastName;
				UUID bi = lastId;
				try (rs) {
					int columns = rs.getMetaData().getColumnCount();
					int rows = 0;
					while (rs.next() && rows < PAGE) {
						for (int i = 1; i <= columns; i++) {
							rs.getObject(i);
						}
						lastId = (UUID) rs.getObject(1);
						lastName = rs.getString(2);
						ids.add(lastId);
						rows++;
					}
					if (rows < PAGE) {
						throw new IllegalStateException("The raw walk ended at page " + p);
					}
				} finally {
					if (first != null) {
						first.close();
					}
				}
				beforeName = bn;
				beforeId = bi;
			}
		}
		return new Walk((System.nanoTime() - t0) / 1e9, null, beforeName, beforeId, List.copyOf(ids));
	}

	static List<Result> run(Env env) throws Exception {
		int active = env.config.scale();
		int pages = Math.min(1000, (active - 1) / PAGE);
		Bench.log("B10 deep paging: page %d of %d, %d threads, %.0f s runs", pages, active / PAGE, env.config.threads(),
				env.config.seconds());
		List<Result> results = new ArrayList<>();

		// The walks: one thread, page 1 to page P; the first of each side warms up.
		List<Double> rapportWalks = new ArrayList<>();
		List<Double> rawWalks = new ArrayList<>();
		Walk rapportWalk = walkRapport(env, pages);
		Walk rawWalk;
		try (Connection c = env.connect()) {
			rawWalk = walkRaw(c, pages);
			for (int i = 0; i < env.config.runs(); i++) {
				Walk w = walkRaw(c, pages);
				rawWalks.add(pages / w.seconds());
				Walk r = walkRapport(env, pages);
				rapportWalks.add(pages / r.seconds());
				Bench.log("  B10 walk %d: rapport %.2f s, limit %.2f s for %d pages", i + 1, r.seconds(), w.seconds(), pages);
			}
		}
		boolean same = rapportWalk.ids().equals(rawWalk.ids());
		String pageSql = env.queries.sql(env.reader, view().after(rapportWalk.cursor()));
		boolean offset = pageSql.toLowerCase().matches("(?s).*\\boffset\\b.*");
		Explain.Plan compiled;
		Explain.Plan dba;
		try (Connection c = env.connect()) {
			compiled = Explain.of(c, pageSql);
			dba = Explain.of(c, NEXT_PAGE, rawWalk.lastName(), rawWalk.lastId());
		}
		env.plans.put("B10 page " + pages + " compiled SQL", compiled);
		env.plans.put("B10 page " + pages + " DBA keyset SQL", dba);

		// Page P from the cursor of page P-1, 8 threads.
		Query deep = view().after(rapportWalk.cursor());
		Load.ClientFactory rapport = () -> random -> {
			if (env.queries.execute(env.reader, deep).records().size() != PAGE) {
				throw new IllegalStateException("Page " + pages + " is not full");
			}
		};
		Load.ClientFactory limit = env.raw((c, random) -> {
			try (PreparedStatement p = c.prepareStatement(NEXT_PAGE)) {
				p.setString(1, rawWalk.lastName());
				p.setObject(2, rawWalk.lastId());
				try (ResultSet rs = p.executeQuery()) {
					if (Env.drain(rs) != PAGE + 1) {
						throw new IllegalStateException("Raw page " + pages + " is not full");
					}
				}
			}
		});
		Load.ClientFactory compiledRaw = env.raw((c, random) -> {
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(pageSql)) {
				if (Env.drain(rs) != PAGE + 1) {
					throw new IllegalStateException("Compiled page " + pages + " is not full");
				}
			}
		});
		// Where the time of one call goes, one thread, no contention.
		int n = 2000;
		double budget = Math.max(2, env.config.seconds());
		double compileMs = Load.medianMs(n, budget, random -> env.queries.sql(env.reader, deep));
		double executeMs = Load.medianMs(n, budget, rapport.open());
		double compiledRawMs;
		double dbaMs;
		try (Load.Client a = compiledRaw.open(); Load.Client b = limit.open()) {
			compiledRawMs = Load.medianMs(n, budget, a);
			dbaMs = Load.medianMs(n, budget, b);
		}
		Result breakdown = Result.info("B10", "page " + pages + ", 1 thread, median latency",
				String.format("Queries.execute %.3f ms; Queries.sql (compile + render only) %.3f ms; compiled SQL raw %.3f ms;"
						+ " DBA keyset SQL %.3f ms", executeMs, compileMs, compiledRawMs, dbaMs),
				"where one call's time goes, without contention");

		Load.Comparison deepPage = Load.compare(env.config, "B10 page " + pages, rapport, limit);
		Load.Comparison sqlOnly = Load.compare(env.config, "B10 compiled SQL raw", "compiled SQL", compiledRaw,
				limit);

		results.add(Result.measured("B10", "page " + pages + " by keyset cursor, " + env.config.threads() + " threads",
				"ops/s", deepPage, 0.3, null, "Queries.execute(cursor of page " + (pages - 1) + ") vs DBA keyset SQL"));
		results.add(Result.rates("B10", "walk pages 1.." + pages + ", 1 thread", "pages/s", rapportWalks, rawWalks, 0.3,
				"each page from the previous page's cursor"));
		results.add(Result.measured("B10", "diagnosis: compiled SQL run raw (no engine)", "ops/s", sqlOnly, null, null,
				"Queries.sql() text as a JDBC Statement vs DBA keyset SQL: the SQL's share of the gap"));
		results.add(breakdown);
		results.add(Result.check("B10", "compiled SQL has no OFFSET", offset ? "OFFSET present" : "no OFFSET", !offset, null));
		long bound = 10L * (PAGE + 1);
		results.add(Result.check("B10", "rows read for page " + pages + " (EXPLAIN)",
				String.format("%,d rows read (DBA SQL: %,d), bound %,d", compiled.examined(), dba.examined(), bound),
				compiled.examined() <= bound, "a keyset page should read about one page of rows, not every row before it"));
		results.add(Result.check("B10", "same rows as the DBA keyset SQL", same ? "identical" : "DIFFERENT", same, null));
		return results;
	}
}
