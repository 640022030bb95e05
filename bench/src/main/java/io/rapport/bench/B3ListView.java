package io.rapport.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * B3-like, engine level: the first page (50 rows) of "active contacts in country X, by full name" as a non-system
 * user, through {@code Queries.execute}, against the exact SQL that {@code Queries.sql} gives for the same query run
 * raw over JDBC. Each call picks one of the countries at random, the same way on both sides.
 */
final class B3ListView {

	static final List<String> COLUMNS = List.of("fullname", "emailaddress1", "telephone1", "jobtitle", "address1_city",
			"address1_country", "parentcustomerid");

	private B3ListView() {
	}

	static Query query(String country) {
		return Query.of("contact")
			.select(COLUMNS)
			.where(Criterion.and(Criterion.where("statecode", Operator.Eq, 0),
					Criterion.where("address1_country", Operator.Eq, country)))
			.orderBy(Order.asc("fullname"))
			.page(50);
	}

	static List<Result> run(Env env) throws Exception {
		Bench.log("B3 list view: %d threads, %.0f s runs", env.config.threads(), env.config.seconds());
		Set<String> countries = new LinkedHashSet<>();
		for (String[] place : Words.PLACES) {
			countries.add(place[1]);
		}
		List<Query> queries = new ArrayList<>();
		List<String> sql = new ArrayList<>();
		for (String country : countries) {
			Query q = query(country);
			queries.add(q);
			sql.add(env.queries.sql(env.user, q));
		}
		int n = queries.size();

		// Same rows on both sides, and what the database does with the SQL.
		List<Result> results = new ArrayList<>();
		try (Connection c = env.connect()) {
			RecordPage page = env.queries.execute(env.user, queries.get(0));
			List<UUID> engine = page.records().stream().map(EntityRecord::id).toList();
			List<UUID> raw = Env.ids(c, sql.get(0));
			boolean same = raw.size() == 51 ? engine.equals(raw.subList(0, 50)) : engine.equals(raw);
			results.add(Result.check("B3", "same rows as the raw SQL", engine.size() + " rows, " + (same ? "identical" : "DIFFERENT"),
					same, null));
			env.plans.put("B3 compiled SQL (" + countries.iterator().next() + ")", Explain.of(c, sql.get(0)));
		}

		// A Salesperson sees only their business unit's share of a country: at small scales some pages are empty.
		Load.ClientFactory rapport = () -> random -> env.queries.execute(env.user, queries.get(random.nextInt(n)));
		Load.ClientFactory limit = env.raw((c, random) -> {
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.get(random.nextInt(n)))) {
				Env.drain(rs);
			}
		});
		Load.Comparison c = Load.compare(env.config, "B3", rapport, limit);
		results.add(0, Result.measured("B3", "list 50 rows, filter + sort, " + env.config.threads() + " threads", "ops/s",
				c, 0.3, 50.0, "engine level, business-unit-depth Salesperson with shares; raw = the same SQL with the access predicate, run over JDBC"));
		results.addAll(withoutAccessFiltering(env, queries));
		return results;
	}

	/**
	 * The security issue's figure: the same list for a Salesperson (business-unit read depth, member of an owner team,
	 * with direct and team shares among 101,000) against the SQL of the same query with no access filtering at all.
	 */
	private static List<Result> withoutAccessFiltering(Env env, List<Query> queries) throws Exception {
		int n = queries.size();
		List<String> unfiltered = new ArrayList<>();
		for (Query q : queries) {
			unfiltered.add(env.queries.sql(io.rapport.core.Principal.systemPrincipal(), q));
		}
		List<Result> results = new ArrayList<>();
		try (Connection c = env.connect()) {
			env.plans.put("B3 access predicate, compiled SQL for the Salesperson", Explain.of(c, env.queries.sql(env.user, queries.get(0))));
			env.plans.put("B3 without access filtering", Explain.of(c, unfiltered.get(0)));
		}
		Load.ClientFactory rapport = () -> random -> env.queries.execute(env.user, queries.get(random.nextInt(n)));
		Load.ClientFactory limit = env.raw((c, random) -> {
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(unfiltered.get(random.nextInt(n)))) {
				Env.drain(rs);
			}
		});
		Load.Comparison c = Load.compare(env.config, "B3s", rapport, limit);
		results.add(Result.measured("B3s", "list 50 rows as a business-unit-depth user vs no access filtering, "
				+ env.config.threads() + " threads", "ops/s", c, 0.3, 50.0,
				"50 business units, 500 users, direct and team shares; raw = the same query's SQL without the access predicate"));
		return results;
	}
}
