package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
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

/**
 * A record's owning business unit follows its owner: when a user or a team moves to another business unit, the records
 * they own move too. The access predicate leaves out the owner arm for owners whose unit the reader's business-unit
 * arm already reads, so these tests pin both: a business-unit reader sees their own records before and after a move,
 * and a team of another unit keeps its records visible to its members through the owner arm.
 */
@RapportTest
class OwnerBusinessUnitIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	SecurityRoles roles;

	private final String run = UUID.randomUUID().toString().substring(0, 6);

	@Test
	void recordsMoveWithTheirOwnerAndStayVisible() {
		UUID north = unit("North");
		UUID south = unit("South");
		UUID role = records.create(SYSTEM, new EntityRecord("role").set("name", "BU reader " + run));
		List<SecurityRoles.Grant> grants = new ArrayList<>();
		for (Privilege p : Privilege.values()) {
			grants.add(new SecurityRoles.Grant("account", p, Depth.BusinessUnit));
		}
		roles.setPrivileges(SYSTEM, role, grants);
		UUID team = records.create(SYSTEM, new EntityRecord("team").set("name", "South team " + run).set("teamtype", 0)
			.set("businessunitid", new RecordRef("businessunit", south)));
		UUID reader = user("reader", north);
		records.associate(SYSTEM, new RecordRef("systemuser", reader), "systemuserroles_association",
				List.of(new RecordRef("role", role)));
		records.associate(SYSTEM, new RecordRef("team", team), "teammembership_association",
				List.of(new RecordRef("systemuser", reader)));
		UUID southUser = user("southUser", south);
		records.associate(SYSTEM, new RecordRef("systemuser", southUser), "systemuserroles_association",
				List.of(new RecordRef("role", role)));

		UUID mine = account("mine", new RecordRef("systemuser", reader));
		UUID teams = account("the team's", new RecordRef("team", team));
		UUID southern = account("a southern user's", new RecordRef("systemuser", southUser));
		assertThat(unitOf(mine)).isEqualTo(north);
		assertThat(unitOf(teams)).isEqualTo(south);

		Principal as = Principal.user(reader, north);
		// North reads North (its own record) and, through the owner arm, the record of its team in South; not the
		// southern user's.
		assertThat(visible(as)).containsExactlyInAnyOrder(mine, teams);

		records.update(SYSTEM, new EntityRecord("systemuser", reader).set("businessunitid", new RecordRef("businessunit", south)));
		assertThat(unitOf(mine)).as("the reader's record moved with them").isEqualTo(south);
		assertThat(visible(Principal.user(reader, south))).containsExactlyInAnyOrder(mine, teams, southern);

		records.update(SYSTEM, new EntityRecord("team", team).set("businessunitid", new RecordRef("businessunit", north)));
		assertThat(unitOf(teams)).as("the team's record moved with it").isEqualTo(north);
		assertThat(unitOf(mine)).isEqualTo(south);
		assertThat(visible(Principal.user(reader, south))).as("the team's record, now outside the reader's unit, through the owner arm")
			.containsExactlyInAnyOrder(mine, teams, southern);
		assertThat(queries.execute(Principal.user(reader, south), accounts().withCount()).totalCount()).isEqualTo(3);
	}

	private Set<UUID> visible(Principal principal) {
		Set<UUID> ids = new java.util.HashSet<>();
		queries.execute(principal, accounts()).records().forEach(r -> ids.add(r.id()));
		// a single read agrees with the list
		for (UUID id : ids) {
			assertThat(queries.retrieve(principal, "account", id, List.of("name"))).isPresent();
		}
		return ids;
	}

	private Query accounts() {
		return Query.of("account").select("name").where(Criterion.where("name", Operator.BeginsWith, "Moving " + run))
			.page(50);
	}

	private UUID unitOf(UUID account) {
		return ((RecordRef) records.retrieve(SYSTEM, "account", account, "owningbusinessunit").get("owningbusinessunit")).id();
	}

	private UUID unit(String name) {
		return records.create(SYSTEM, new EntityRecord("businessunit").set("name", name + " " + run)
			.set("parentbusinessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
	}

	private UUID user(String name, UUID unit) {
		return records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", name + "-" + run)
			.set("fullname", name).set("businessunitid", new RecordRef("businessunit", unit)));
	}

	private UUID account(String name, RecordRef owner) {
		return records.create(SYSTEM, new EntityRecord("account").set("name", "Moving " + run + " " + name)
			.set("ownerid", owner));
	}
}
