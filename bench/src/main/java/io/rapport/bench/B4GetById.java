package io.rapport.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import io.rapport.core.EntityRecord;

/**
 * B4, engine level: one contact by id through {@code Queries.retrieve} against the raw primary-key select of the same
 * columns over JDBC, 8 threads each, ids drawn uniformly from the whole table.
 */
final class B4GetById {

	static final List<String> COLUMNS = List.of("fullname", "firstname", "lastname", "emailaddress1", "telephone1",
			"jobtitle", "address1_city", "address1_country", "parentcustomerid", "annualincome");

	/** The columns the engine reads for {@link #COLUMNS}: the id, the columns (a customer lookup with its type), the row version. */
	static final String RAW_SQL = "select contactid, fullname, firstname, lastname, emailaddress1, telephone1, jobtitle,"
			+ " address1_city, address1_country, parentcustomerid, parentcustomeridtype, annualincome, versionnumber"
			+ " from contact where contactid = ?";

	private B4GetById() {
	}

	static List<Result> run(Env env) throws Exception {
		int scale = env.config.scale();
		Bench.log("B4 get by id: %d threads, %.0f s runs", env.config.threads(), env.config.seconds());

		// The two sides must agree on what they read.
		UUID probe = Generator.contactId(scale / 2);
		EntityRecord viaEngine = env.queries.retrieve(env.reader, "contact", probe, COLUMNS).orElseThrow();
		try (var c = env.connect(); PreparedStatement p = c.prepareStatement(RAW_SQL)) {
			p.setObject(1, probe);
			try (ResultSet rs = p.executeQuery()) {
				if (!rs.next() || !rs.getString("fullname").equals(viaEngine.getString("fullname"))
						|| !rs.getString("emailaddress1").equals(viaEngine.getString("emailaddress1"))) {
					throw new IllegalStateException("Raw select and Queries.retrieve disagree on contact " + probe);
				}
			}
			env.plans.put("B4 raw primary-key select", Explain.of(c, RAW_SQL, probe));
		}

		Load.ClientFactory rapport = () -> random -> {
			UUID id = Generator.contactId(random.nextInt(scale));
			if (env.queries.retrieve(env.reader, "contact", id, COLUMNS).isEmpty()) {
				throw new IllegalStateException("Queries.retrieve found no contact " + id);
			}
		};
		Load.ClientFactory limit = env.raw((c, random) -> {
			UUID id = Generator.contactId(random.nextInt(scale));
			try (PreparedStatement p = c.prepareStatement(RAW_SQL)) {
				p.setObject(1, id);
				try (ResultSet rs = p.executeQuery()) {
					if (Env.drain(rs) != 1) {
						throw new IllegalStateException("The raw select found no contact " + id);
					}
				}
			}
		});
		Load.Comparison c = Load.compare(env.config, "B4", rapport, limit);
		return List.of(Result.measured("B4", "get contact by id, " + env.config.threads() + " threads", "ops/s", c, 0.2,
				10.0, "engine level: Queries.retrieve vs raw PK select; the HTTP layer is not measured yet"));
	}
}
