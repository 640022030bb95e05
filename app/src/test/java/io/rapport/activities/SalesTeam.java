package io.rapport.activities;

import java.util.List;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.security.Credentials;
import io.rapport.test.Api;

/** Business units and Salesperson users (own records at user depth, reading their business unit) for the tests. */
public final class SalesTeam {

	static final String PASSWORD = "activities-test";
	private static final Principal SYSTEM = Principal.systemPrincipal();
	private static final UUID SALESPERSON_ROLE = UUID.fromString("00000000-0000-0000-0000-0000000000a3");

	/** A Salesperson: who they are for the engine, and an HTTP client signed in as them. */
	public record Salesperson(Principal principal, String name) {

		public UUID id() {
			return principal.userId();
		}

		public Api api(int port) {
			return new Api(port, name, PASSWORD);
		}
	}

	private final Records records;
	private final Credentials credentials;

	public SalesTeam(Records records, Credentials credentials) {
		this.records = records;
		this.credentials = credentials;
	}

	public UUID unit() {
		return records.create(SYSTEM, new EntityRecord("businessunit").set("name", "Unit " + UUID.randomUUID())
			.set("parentbusinessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
	}

	public Salesperson salesperson(UUID unit) {
		String name = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		UUID id = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", name).set("fullname", name)
			.set("businessunitid", new RecordRef("businessunit", unit)));
		credentials.setPassword(SYSTEM, id, PASSWORD);
		records.associate(SYSTEM, new RecordRef("systemuser", id), "systemuserroles_association",
				List.of(new RecordRef("role", SALESPERSON_ROLE)));
		return new Salesperson(Principal.user(id, unit), name);
	}
}
