package io.rapport.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import io.rapport.activities.Timeline;
import io.rapport.activities.TimelineFilter;
import io.rapport.core.EntityRecord;
import io.rapport.core.RecordRef;
import io.rapport.customers.Connections;
import io.rapport.customers.DuplicateDetection;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Query;

/**
 * The customers issue's figures, engine level, as the benchmark's Salesperson (business-unit read depth, shares, an
 * owner team) on accounts of their own business unit: B11 an account's related contacts, B12 its timeline's first
 * page, B13 its connections, B14 the duplicate check a contact create runs. Their targets are latencies (p99 ≤ 30 ms,
 * ≤ 5 ms for the duplicate check); B11 is also compared with its own SQL run raw.
 */
final class CustomerViews {

	/** How many of the Salesperson's unit's accounts the calls draw from. */
	private static final int SAMPLE = 2_000;

	private CustomerViews() {
	}

	/** Accounts owned in the Salesperson's business unit: the ones they open from their views. */
	static List<UUID> accounts(Env env) {
		Generator gen = new Generator(env.config.scale());
		int unit = Generator.businessUnitOf(Env.USER);
		List<UUID> ids = new ArrayList<>();
		for (long i = 0; i < gen.accounts() && ids.size() < SAMPLE; i++) {
			if (Generator.businessUnitOf(Generator.accountOwner(i)) == unit) {
				ids.add(Generator.accountId(i));
			}
		}
		if (ids.isEmpty()) {
			throw new IllegalStateException("No generated account is owned in business unit " + unit);
		}
		return ids;
	}

	static Query relatedContacts(UUID account) {
		return Query.of("contact")
			.select("fullname", "emailaddress1", "telephone1", "jobtitle")
			.where(Criterion.and(Criterion.where("parentcustomerid", Operator.Eq, account),
					Criterion.where("statecode", Operator.Eq, 0)))
			.orderBy(Order.asc("fullname"))
			.page(50);
	}

	/** B11: the contacts subgrid of an account, against the same SQL raw. */
	static List<Result> relatedContacts(Env env) throws Exception {
		Bench.log("B11 related contacts of an account: %d threads, %.0f s runs", env.config.threads(), env.config.seconds());
		List<UUID> accounts = accounts(env);
		int n = accounts.size();
		List<String> sql = new ArrayList<>(n);
		for (UUID a : accounts) {
			sql.add(env.queries.sql(env.user, relatedContacts(a)));
		}
		List<Result> results = new ArrayList<>();
		int nonEmpty = 0;
		try (Connection c = env.connect()) {
			for (int i = 0; i < Math.min(n, 200); i++) {
				List<UUID> engine = env.queries.execute(env.user, relatedContacts(accounts.get(i))).records().stream()
					.map(EntityRecord::id).toList();
				List<UUID> raw = Env.ids(c, sql.get(i));
				if (!engine.equals(raw.size() > 50 ? raw.subList(0, 50) : raw)) {
					throw new IllegalStateException("The related contacts of account " + accounts.get(i)
							+ " differ between the engine and its SQL run raw");
				}
				nonEmpty += engine.isEmpty() ? 0 : 1;
			}
			env.plans.put("B11 related contacts, compiled SQL", Explain.of(c, sql.get(0)));
		}
		results.add(Result.info("B11", "accounts whose subgrid shows contacts to the Salesperson",
				nonEmpty + " of " + Math.min(n, 200) + " sampled", "same rows as the raw SQL for each"));
		Load.ClientFactory rapport = () -> random -> env.queries.execute(env.user, relatedContacts(accounts.get(random.nextInt(n))));
		Load.ClientFactory limit = env.raw((c, random) -> {
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.get(random.nextInt(n)))) {
				Env.drain(rs);
			}
		});
		Load.Comparison c = Load.compare(env.config, "B11", rapport, limit);
		results.add(0, Result.measured("B11", "an account's related contacts (50, by name), " + env.config.threads()
				+ " threads", "ops/s", c, null, 30.0,
				"engine level, Salesperson; raw = the same SQL with the access predicate over JDBC"));
		return results;
	}

	/** B12: the first page of an account's timeline (its own activities and its contacts', every kind, and notes). */
	static List<Result> timeline(Env env) throws Exception {
		Timeline timeline = env.context.getBean(Timeline.class);
		List<UUID> accounts = accounts(env);
		int n = accounts.size();
		Bench.log("B12 timeline first page: %d threads, %.0f s runs", env.config.latencyThreads(), env.config.seconds());
		int rows = 0;
		int sampled = Math.min(n, 200);
		for (int i = 0; i < sampled; i++) {
			rows += timeline.of(env.user, new RecordRef("account", accounts.get(i)), TimelineFilter.everything(), null,
					Timeline.DEFAULT_PAGE_SIZE).entries().size();
		}
		List<Load.Run> runs = Load.alone(env.config, "B12", () -> random -> timeline.of(env.user,
				new RecordRef("account", accounts.get(random.nextInt(n))), TimelineFilter.everything(), null,
				Timeline.DEFAULT_PAGE_SIZE));
		return List.of(
				Result.latency("B12", "an account's timeline, first page of " + Timeline.DEFAULT_PAGE_SIZE + ", "
						+ env.config.latencyThreads() + " threads", runs, 30.0,
						"engine level, Salesperson; 13 queries (6 kinds regarding the account, 6 regarding its contacts, notes)"),
				Result.info("B12", "timeline rows the Salesperson sees", String.format("%.1f per account (first page, %d sampled)",
						rows / (double) sampled, sampled), "a phone call per contact, two tasks per account"));
	}

	/** B13: an account's connections, with both roles and the other record's name. */
	static List<Result> connections(Env env) throws Exception {
		Connections connections = env.context.getBean(Connections.class);
		List<UUID> accounts = accounts(env);
		int n = accounts.size();
		Bench.log("B13 connections of an account: %d threads, %.0f s runs", env.config.latencyThreads(), env.config.seconds());
		int shown = 0;
		int sampled = Math.min(n, 200);
		for (int i = 0; i < sampled; i++) {
			shown += connections.of(env.user, new RecordRef("account", accounts.get(i)), 50, null).connections().size();
		}
		if (shown == 0) {
			throw new IllegalStateException("No sampled account shows a connection to the Salesperson");
		}
		List<Load.Run> runs = Load.alone(env.config, "B13",
				() -> random -> connections.of(env.user, new RecordRef("account", accounts.get(random.nextInt(n))), 50, null));
		return List.of(
				Result.latency("B13", "an account's connections, " + env.config.latencyThreads() + " threads", runs, 30.0,
						"engine level, Salesperson; one query with both roles and the other record, access predicate on each"),
				Result.info("B13", "connections the Salesperson sees", shown + " on " + sampled + " sampled accounts",
						"one connection per account, with a contact of the same business unit"));
	}

	/**
	 * B14: the duplicate check of a contact create (every published contact rule), half with an existing contact's
	 * values (the Salesperson's unit's contacts, so they must be found), half with new values.
	 */
	static List<Result> duplicateCheck(Env env) throws Exception {
		DuplicateDetection detection = env.context.getBean(DuplicateDetection.class);
		Bench.log("B14 duplicate check on create: %d threads, %.0f s runs", env.config.latencyThreads(), env.config.seconds());
		List<String[]> existing = new ArrayList<>();
		try (Connection c = env.connect(); PreparedStatement p = c.prepareStatement(
				"select firstname, lastname, address1_city, emailaddress1 from contact where owningbusinessunit = ? limit 1000")) {
			p.setObject(1, Generator.businessUnitId(Generator.businessUnitOf(3)));
			try (ResultSet rs = p.executeQuery()) {
				while (rs.next()) {
					existing.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) });
				}
			}
		}
		if (existing.isEmpty()) {
			throw new IllegalStateException("The Salesperson's business unit owns no contact");
		}
		int found = 0;
		for (String[] values : existing.subList(0, Math.min(100, existing.size()))) {
			found += detection.retrieveDuplicates(env.user, contact(values)).isEmpty() ? 0 : 1;
		}
		if (found == 0) {
			throw new IllegalStateException("The duplicate check found none of the Salesperson's own contacts");
		}
		int n = existing.size();
		List<Load.Run> runs = Load.alone(env.config, "B14", () -> random -> detection.retrieveDuplicates(env.user,
				random.nextBoolean() ? contact(existing.get(random.nextInt(n))) : newContact(random)));
		return List.of(
				Result.latency("B14", "duplicate check of a contact create, " + env.config.latencyThreads() + " threads",
						runs, 5.0, "engine level, Salesperson; the default rules' indexed queries with the access predicate"),
				Result.info("B14", "existing contacts found by the check", found + " of " + Math.min(100, n),
						"half the measured checks use an existing contact's values, half new ones"));
	}

	private static EntityRecord contact(String[] values) {
		return new EntityRecord("contact", null).set("firstname", values[0]).set("lastname", values[1])
			.set("address1_city", values[2]).set("emailaddress1", values[3]);
	}

	private static EntityRecord newContact(SplittableRandom random) {
		String tag = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
		return contact(new String[] { "Newname" + tag.substring(0, 4), "Bench" + tag, "Springfield",
				"new." + tag + "@bench.example" });
	}
}
