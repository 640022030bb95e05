package io.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.RapportTest;
import io.rapport.test.TestDatabase;
import net.datafaker.Faker;

/**
 * Not part of the suite: measures the duplicate check on create at scale, on PostgreSQL, for the decision record.
 * Loads contacts straight into the table (fixed seed), then times the check as the administrator and as a
 * salesperson whose reads are limited to their business unit, and shows the plans of the checks' queries.
 *
 * <pre>./mvnw -o -pl app test -Ppostgres -Dtest=DuplicateCheckMeasurement -Drapport.measure.contacts=1000000</pre>
 */
@RapportTest
@EnabledIfSystemProperty(named = "rapport.measure.contacts", matches = "\\d+")
class DuplicateCheckMeasurement {

	private static final int CHECKS = 5000;

	@Autowired
	DSLContext dsl;

	@Autowired
	Records records;

	@Autowired
	DuplicateDetection detection;

	@Autowired
	Queries queries;

	@Autowired
	DataSource dataSource;

	private final StringBuilder report = new StringBuilder();

	@Test
	void measure() throws IOException, SQLException {
		assertThat(TestDatabase.postgres()).as("the measurement is for PostgreSQL").isTrue();
		int contacts = Integer.parseInt(System.getProperty("rapport.measure.contacts"));
		Principal system = Principal.systemPrincipal();
		UUID unit = records.create(system, new EntityRecord("businessunit").set("name", "Measured unit")
			.set("parentbusinessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
		UUID seller = records.create(system, new EntityRecord("systemuser").set("domainname", "measured-seller")
			.set("businessunitid", new RecordRef("businessunit", unit)));
		records.associate(system, new RecordRef("systemuser", seller), "systemuserroles_association",
				List.of(new RecordRef("role", UUID.fromString(TestPeople.SALESPERSON))));
		Principal admin = Principal.user(UUID.fromString("00000000-0000-0000-0000-000000000002"), Principal.ROOT_BUSINESS_UNIT_ID);
		Principal salesperson = Principal.user(seller, unit);

		Faker faker = new Faker(Locale.ENGLISH, new Random(7));
		String[] first = distinct(() -> faker.name().firstName(), 400);
		String[] last = distinct(() -> faker.name().lastName(), 2000);
		String[] cities = distinct(() -> faker.address().city(), 600);
		long start = System.nanoTime();
		load(contacts, first, last, cities, seller, unit);
		line("Loaded %,d contacts in %.1f s (a third owned by the salesperson's business unit); %d first names, %d last names, "
				+ "%d cities", contacts, seconds(start), first.length, last.length, cities.length);

		Random random = new Random(11);
		List<EntityRecord> samples = new ArrayList<>();
		for (int i = 0; i < CHECKS; i++) {
			int row = random.nextInt(contacts);
			boolean existing = i % 2 == 0;
			samples.add(new EntityRecord("contact")
				.set("firstname", first[row % first.length])
				.set("lastname", last[(row / 7) % last.length])
				.set("address1_city", existing ? cities[(row / 3) % cities.length] : "Nowhere " + i)
				.set("emailaddress1", existing ? (first[row % first.length] + "." + last[(row / 7) % last.length] + "." + row
						+ "@example.com").toUpperCase(Locale.ROOT) : "new" + i + "@example.org"));
		}
		time("warm-up, administrator", admin, samples.subList(0, 1000));
		time("administrator (reads everything)", admin, samples);
		time("salesperson (reads their business unit)", salesperson, samples);
		line("Each check interleaved with the same two compiled queries run raw over JDBC (the database's own limit):");
		compare("administrator", admin, samples);
		compare("salesperson", salesperson, samples);
		plans(samples.get(0));

		long publish = System.nanoTime();
		UUID rule = records.create(system, new EntityRecord("duplicaterule").set("name", "Same last name and city")
			.set("baseentityname", "contact").set("matchingentityname", "contact"));
		for (String attribute : List.of("lastname", "address1_city")) {
			records.create(system, new EntityRecord("duplicaterulecondition").set("regardingobjectid", new RecordRef("duplicaterule", rule))
				.set("baseattributename", attribute).set("matchingattributename", attribute).set("operatorcode", 0));
		}
		records.setState(system, new RecordRef("duplicaterule", rule), 1, 2);
		line("Publishing a new two-condition rule (building its index) took %.1f s", seconds(publish));
		Files.writeString(Path.of("target", "duplicate-check-measurement.txt"), report);
	}

	private void load(int contacts, String[] first, String[] last, String[] cities, UUID seller, UUID unit) {
		dsl.execute("""
				insert into contact (contactid, firstname, lastname, fullname, emailaddress1, address1_city, ownerid, owneridtype,
				  owningbusinessunit, statecode, statuscode, versionnumber, createdon, modifiedon, merged,
				  preferredcontactmethodcode, donotemail, donotphone, donotpostalmail, donotfax, donotbulkemail)
				select gen_random_uuid(), f, l, f || ' ' || l, lower(f || '.' || l || '.' || i || '@example.com'), c,
				  case when i % 3 = 0 then {0} else {1} end, 'systemuser', case when i % 3 = 0 then {2} else {3} end,
				  0, 1, 1, now(), now(), false, 1, false, false, false, false, false
				from (select i, ({4}::text[])[1 + i % {5}] f, ({6}::text[])[1 + (i / 7) % {7}] l, ({8}::text[])[1 + (i / 3) % {9}] c
				      from generate_series(0, {10} - 1) i) g
				""", seller, UUID.fromString("00000000-0000-0000-0000-000000000002"), unit, Principal.ROOT_BUSINESS_UNIT_ID,
				first, first.length, last, last.length, cities, cities.length, contacts);
		dsl.execute("analyze contact");
	}

	private void time(String who, Principal principal, List<EntityRecord> samples) {
		long[] nanos = new long[samples.size()];
		int found = 0;
		for (int i = 0; i < samples.size(); i++) {
			long t = System.nanoTime();
			found += detection.retrieveDuplicates(principal, samples.get(i)).isEmpty() ? 0 : 1;
			nanos[i] = System.nanoTime() - t;
		}
		Arrays.sort(nanos);
		line("%-42s %,6d checks (both contact rules each): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %d found duplicates",
				who, nanos.length, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, found);
	}

	/** Rapport's check and the raw SQL of its two queries, one after the other for each sample, so noise hits both. */
	private void compare(String who, Principal principal, List<EntityRecord> samples) throws SQLException {
		List<String[]> sql = new ArrayList<>();
		for (EntityRecord sample : samples) {
			Query email = Query.of("contact").select("emailaddress1", "fullname")
				.where(Criterion.where("emailaddress1", Operator.Eq, sample.get("emailaddress1")))
				.where(Criterion.where("statecode", Operator.Eq, 0)).page(50);
			Query nameCity = Query.of("contact").select("firstname", "lastname", "address1_city", "fullname")
				.where(Criterion.where("firstname", Operator.Eq, sample.get("firstname")))
				.where(Criterion.where("lastname", Operator.Eq, sample.get("lastname")))
				.where(Criterion.where("address1_city", Operator.Eq, sample.get("address1_city")))
				.where(Criterion.where("statecode", Operator.Eq, 0)).page(50);
			sql.add(new String[] { queries.sql(principal, email), queries.sql(principal, nameCity) });
		}
		long[] rapport = new long[samples.size()];
		long[] raw = new long[samples.size()];
		try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
			for (int i = 0; i < samples.size(); i++) {
				long t = System.nanoTime();
				detection.retrieveDuplicates(principal, samples.get(i));
				rapport[i] = System.nanoTime() - t;
				t = System.nanoTime();
				for (String q : sql.get(i)) {
					try (ResultSet rs = st.executeQuery(q)) {
						while (rs.next()) {
							rs.getObject(1);
						}
					}
				}
				raw[i] = System.nanoTime() - t;
			}
		}
		Arrays.sort(rapport);
		Arrays.sort(raw);
		line("%-14s Rapport p50 %.2f / p95 %.2f / p99 %.2f ms; raw SQL p50 %.2f / p95 %.2f / p99 %.2f ms", who,
				ms(rapport, 0.50), ms(rapport, 0.95), ms(rapport, 0.99), ms(raw, 0.50), ms(raw, 0.95), ms(raw, 0.99));
	}

	private void plans(EntityRecord sample) {
		for (String sql : List.of(
				"explain analyze select contactid from contact where lower(emailaddress1) = lower({0}) and statecode = 0",
				"explain analyze select contactid from contact where lower(firstname) = lower({1}) and lower(lastname) = lower({2}) "
						+ "and lower(address1_city) = lower({3}) and statecode = 0")) {
			line("%s", sql);
			dsl.fetch(sql, sample.get("emailaddress1"), sample.get("firstname"), sample.get("lastname"), sample.get("address1_city"))
				.forEach(r -> line("    %s", r.get(0)));
		}
	}

	/** Up to {@code count} different names, from as many draws as that takes (the faker's lists are finite). */
	private static String[] distinct(Supplier<String> names, int count) {
		return java.util.stream.Stream.generate(names).limit(count * 20L).distinct().limit(count).toArray(String[]::new);
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private void line(String format, Object... args) {
		String s = String.format(Locale.ROOT, format, args);
		System.out.println(s);
		report.append(s).append('\n');
	}
}
