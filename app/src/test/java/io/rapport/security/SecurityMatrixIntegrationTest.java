package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * The security matrix: users at every depth and business-unit position, with and without shares and team membership,
 * against records owned across the business-unit tree. For every path (engine query, count, retrieve, lookup search,
 * update, delete, assign, share, the HTTP API) each user sees and changes exactly what an independent model of the
 * rules says — no more, no less.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();
	private static final String PASSWORD = "matrix-password";

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	SecurityRoles roles;

	@Autowired
	Sharing sharing;

	@Autowired
	Credentials credentials;

	@Autowired
	TransactionTemplate tx;

	@LocalServerPort
	int port;

	/** A user of the matrix: where they sit, the depth their role grants on accounts, their teams. */
	record User(String name, UUID id, UUID unit, Depth depth, Set<UUID> teams) {
		Principal principal() {
			return new Principal(id, unit, teams, false);
		}
	}

	/** An account of the matrix, its owner and owning unit, and who it is shared with (with Read and Write). */
	record Account(String name, UUID id, UUID owner, UUID unit, Set<UUID> sharedWith) {
	}

	private final String run = UUID.randomUUID().toString().substring(0, 6);
	private UUID root = Principal.ROOT_BUSINESS_UNIT_ID;
	private UUID east;
	private UUID eastChild;
	private UUID west;
	private UUID team;
	private final Map<String, User> users = new LinkedHashMap<>();
	private final List<Account> accounts = new ArrayList<>();
	private final Map<UUID, Set<UUID>> subtree = new LinkedHashMap<>();

	@BeforeAll
	void buildTheOrganization() {
		east = unit("East", root);
		eastChild = unit("East Child", east);
		west = unit("West", root);
		subtree.put(root, Set.of(root, east, eastChild, west));
		subtree.put(east, Set.of(east, eastChild));
		subtree.put(eastChild, Set.of(eastChild));
		subtree.put(west, Set.of(west));

		Map<Depth, UUID> roleByDepth = new EnumMap<>(Depth.class);
		for (Depth d : List.of(Depth.User, Depth.BusinessUnit, Depth.ParentChild, Depth.Organization)) {
			roleByDepth.put(d, role(d));
		}
		team = records.create(SYSTEM, new EntityRecord("team").set("name", "Matrix team " + run).set("teamtype", 0)
			.set("businessunitid", new RecordRef("businessunit", east)));

		user("userDepthEast", east, Depth.User, roleByDepth, false);
		user("buDepthEast", east, Depth.BusinessUnit, roleByDepth, false);
		user("deepEast", east, Depth.ParentChild, roleByDepth, false);
		user("orgWest", west, Depth.Organization, roleByDepth, false);
		user("noRoleEast", east, Depth.None, roleByDepth, false);
		user("teamMemberEast", east, Depth.User, roleByDepth, true);
		user("sharedWithWest", west, Depth.User, roleByDepth, false);
		user("buDepthEastChild", eastChild, Depth.BusinessUnit, roleByDepth, false);
		UUID otherEast = user("otherEast", east, Depth.User, roleByDepth, false).id();
		UUID otherWest = user("otherWest", west, Depth.User, roleByDepth, false).id();
		UUID otherEastChild = user("otherEastChild", eastChild, Depth.User, roleByDepth, false).id();

		account("owned by userDepthEast", users.get("userDepthEast").id(), "systemuser", east, Set.of());
		account("owned by otherEast", otherEast, "systemuser", east, Set.of());
		account("owned in East Child", otherEastChild, "systemuser", eastChild, Set.of());
		account("owned in West", otherWest, "systemuser", west, Set.of());
		account("owned by the team", team, "team", east, Set.of());
		account("West, shared with a West user", otherWest, "systemuser", west, Set.of(users.get("sharedWithWest").id()));
		account("West, shared with the team", otherWest, "systemuser", west, Set.of(team));
		account("West, shared with a user without role", otherWest, "systemuser", west, Set.of(users.get("noRoleEast").id()));
	}

	private UUID unit(String name, UUID parent) {
		return records.create(SYSTEM, new EntityRecord("businessunit").set("name", name + " " + run)
			.set("parentbusinessunitid", new RecordRef("businessunit", parent)));
	}

	private UUID role(Depth depth) {
		UUID id = records.create(SYSTEM, new EntityRecord("role").set("name", "Matrix " + depth + " " + run));
		List<SecurityRoles.Grant> grants = new ArrayList<>();
		for (Privilege p : Privilege.values()) {
			grants.add(new SecurityRoles.Grant("account", p, depth));
			grants.add(new SecurityRoles.Grant("contact", p, depth));
		}
		grants.add(new SecurityRoles.Grant("systemuser", Privilege.Read, Depth.Organization));
		grants.add(new SecurityRoles.Grant("team", Privilege.Read, Depth.Organization));
		grants.add(new SecurityRoles.Grant("businessunit", Privilege.Read, Depth.Organization));
		roles.setPrivileges(SYSTEM, id, grants);
		return id;
	}

	private User user(String name, UUID unit, Depth depth, Map<Depth, UUID> roleByDepth, boolean inTeam) {
		UUID id = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", name + "-" + run)
			.set("fullname", name).set("businessunitid", new RecordRef("businessunit", unit)));
		credentials.setPassword(SYSTEM, id, PASSWORD);
		if (depth != Depth.None) {
			records.associate(SYSTEM, new RecordRef("systemuser", id), "systemuserroles_association",
					List.of(new RecordRef("role", roleByDepth.get(depth))));
		}
		if (inTeam) {
			records.associate(SYSTEM, new RecordRef("team", team), "teammembership_association",
					List.of(new RecordRef("systemuser", id)));
		}
		User user = new User(name, id, unit, depth, inTeam ? Set.of(team) : Set.of());
		users.put(name, user);
		return user;
	}

	private void account(String name, UUID owner, String ownerType, UUID unit, Set<UUID> sharedWith) {
		UUID id = records.create(SYSTEM, new EntityRecord("account").set("name", "Matrix " + run + " " + name)
			.set("ownerid", new RecordRef(ownerType, owner)));
		for (UUID grantee : sharedWith) {
			String type = grantee.equals(team) ? "team" : "systemuser";
			if (grantee.equals(users.get("noRoleEast").id())) {
				assertThatThrownBy(() -> sharing.grant(SYSTEM, new RecordRef("account", id), new RecordRef(type, grantee),
						Set.of(AccessRight.Read))).isInstanceOf(RapportException.class).hasMessageContaining("roles do not allow");
				continue;
			}
			sharing.grant(SYSTEM, new RecordRef("account", id), new RecordRef(type, grantee), Set.of(AccessRight.Read, AccessRight.Write));
		}
		accounts.add(new Account(name, id, owner, unit, sharedWith));
	}

	/** The independent model: what a user may do with an account, by the rules of depth, ownership and shares. */
	private boolean expected(User user, Account account) {
		if (user.depth() == Depth.None) {
			return false;
		}
		boolean mine = account.owner().equals(user.id()) || user.teams().contains(account.owner());
		boolean byDepth = switch (user.depth()) {
			case User -> mine;
			case BusinessUnit -> mine || account.unit().equals(user.unit());
			case ParentChild -> mine || subtree.get(user.unit()).contains(account.unit());
			case Organization -> true;
			case None -> false;
		};
		boolean shared = account.sharedWith().contains(user.id())
				|| account.sharedWith().stream().anyMatch(user.teams()::contains);
		return byDepth || shared;
	}

	private Set<UUID> expectedFor(User user) {
		Set<UUID> ids = new HashSet<>();
		accounts.stream().filter(a -> expected(user, a)).forEach(a -> ids.add(a.id()));
		return ids;
	}

	private Query matrixAccounts() {
		return Query.of("account").select("name").where(Criterion.where("name", Operator.BeginsWith, "Matrix " + run)).page(100);
	}

	@Test
	void theModelIsNotTrivial() {
		assertThat(users.values()).extracting(u -> expectedFor(u).size()).contains(0, 1, 2, 3, accounts.size());
	}

	@Test
	void engineQueriesAndCountsShowExactlyWhatTheRulesAllow() {
		for (User user : users.values()) {
			Set<UUID> seen = new HashSet<>();
			queries.execute(user.principal(), matrixAccounts()).records().forEach(r -> seen.add(r.id()));
			assertThat(seen).as(user.name()).isEqualTo(expectedFor(user));
			assertThat(queries.count(user.principal(), matrixAccounts())).as(user.name()).isEqualTo(expectedFor(user).size());
			assertThat(queries.execute(user.principal(), matrixAccounts().withCount()).totalCount()).as(user.name())
				.isEqualTo((long) expectedFor(user).size());
		}
	}

	@Test
	void pagingTwoRowsAtATimeWalksExactlyTheVisibleRecordsInOrder() {
		for (User user : users.values()) {
			for (boolean descending : List.of(false, true)) {
				List<UUID> walked = new ArrayList<>();
				List<String> names = new ArrayList<>();
				Query query = matrixAccounts().orderBy(new io.rapport.query.Order(null, "name", descending)).page(2);
				io.rapport.query.RecordPage page = queries.execute(user.principal(), query);
				while (true) {
					page.records().forEach(r -> {
						walked.add(r.id());
						names.add(r.getString("name"));
					});
					if (page.nextCursor() == null) {
						break;
					}
					page = queries.execute(user.principal(), query.after(page.nextCursor()));
				}
				assertThat(new HashSet<>(walked)).as(user.name()).hasSize(walked.size()).isEqualTo(expectedFor(user));
				List<String> sorted = new ArrayList<>(names);
				sorted.sort(descending ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
				assertThat(names).as(user.name() + (descending ? " descending" : " ascending")).isEqualTo(sorted);
			}
		}
	}

	@Test
	void retrieveByIdAndLookupSearchShowExactlyWhatTheRulesAllow() {
		for (User user : users.values()) {
			for (Account account : accounts) {
				assertThat(queries.retrieve(user.principal(), "account", account.id(), List.of("name")).isPresent())
					.as(user.name() + " retrieves " + account.name()).isEqualTo(expected(user, account));
				boolean found = !queries.execute(user.principal(), Query.of("account").select("name")
					.where(Criterion.where("name", Operator.Eq, "Matrix " + run + " " + account.name()))).records().isEmpty();
				assertThat(found).as(user.name() + " finds " + account.name()).isEqualTo(expected(user, account));
			}
		}
	}

	@Test
	void linkedEntitiesNeverRevealAnUnreadableParent() {
		UUID contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Matrix " + run)
			.set("ownerid", new RecordRef("systemuser", users.get("userDepthEast").id()))
			.set("parentcustomerid", new RecordRef("account", accounts.get(3).id())));
		Query query = Query.of("contact").select("lastname").where(Criterion.where("contactid", Operator.Eq, contact))
			.link(new io.rapport.query.LinkEntity("account", "parentcustomerid", "accountid", true, "company", List.of("name"), null));
		EntityRecord seen = queries.execute(users.get("userDepthEast").principal(), query).records().get(0);
		assertThat(seen.get("company.name")).isNull();
		EntityRecord seenByOrg = queries.execute(users.get("orgWest").principal(), query).records().get(0);
		assertThat(seenByOrg.get("company.name")).isNotNull();
	}

	@Test
	void updatesAndDeletesSucceedExactlyWhereTheRulesAllow() {
		for (User user : users.values()) {
			for (Account account : accounts) {
				boolean allowed = expected(user, account);
				assertThat(attempt(() -> records.update(user.principal(),
						new EntityRecord("account", account.id()).set("telephone1", "555-" + user.name()))))
					.as(user.name() + " updates " + account.name()).isEqualTo(allowed);
				boolean deletable = allowed && !account.sharedWith().contains(user.id())
						&& account.sharedWith().stream().noneMatch(user.teams()::contains) || (allowed && byDepthOnly(user, account));
				assertThat(attempt(() -> records.delete(user.principal(), new RecordRef("account", account.id()))))
					.as(user.name() + " deletes " + account.name()).isEqualTo(deletable);
			}
		}
	}

	/** Shares in the matrix give Read and Write only, so Delete, Assign and Share need the role's depth. */
	private boolean byDepthOnly(User user, Account account) {
		return expected(user, new Account(account.name(), account.id(), account.owner(), account.unit(), Set.of()));
	}

	@Test
	void assignAndShareSucceedExactlyWhereTheRoleDepthAllows() {
		User target = users.get("orgWest");
		for (User user : users.values()) {
			for (Account account : accounts) {
				boolean allowed = byDepthOnly(user, account);
				assertThat(attempt(() -> records.assign(user.principal(), new RecordRef("account", account.id()),
						new RecordRef("systemuser", target.id()))))
					.as(user.name() + " assigns " + account.name()).isEqualTo(allowed);
				assertThat(attempt(() -> sharing.grant(user.principal(), new RecordRef("account", account.id()),
						new RecordRef("systemuser", target.id()), Set.of(AccessRight.Read))))
					.as(user.name() + " shares " + account.name()).isEqualTo(allowed);
			}
		}
	}

	@Test
	void theHttpApiShowsExactlyWhatTheRulesAllow() {
		for (User user : users.values()) {
			Api api = new Api(port, user.name() + "-" + run, PASSWORD);
			Api.Response page = api.post("/api/query", Map.of("entity", "account", "columns", List.of("name"), "count", true,
					"filter", Map.of("attribute", "name", "operator", "BeginsWith", "values", List.of("Matrix " + run))));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			Set<UUID> seen = new HashSet<>();
			((List<?>) page.json().get("records")).forEach(r -> seen.add(UUID.fromString((String) ((Map<?, ?>) r).get("accountid"))));
			assertThat(seen).as(user.name()).isEqualTo(expectedFor(user));
			assertThat(((Number) page.json().get("totalCount")).intValue()).isEqualTo(expectedFor(user).size());
			for (Account account : accounts) {
				int status = api.get("/api/data/v9.2/accounts(" + account.id() + ")").status();
				assertThat(status).as(user.name() + " GET " + account.name()).isEqualTo(expected(user, account) ? 200 : 404);
			}
		}
	}

	@Test
	void nobodySharesMoreThanTheyHave() {
		User sharedUser = users.get("sharedWithWest");
		Account sharedAccount = accounts.stream().filter(a -> a.sharedWith().contains(sharedUser.id())).findFirst().orElseThrow();
		assertThatThrownBy(() -> sharing.grant(sharedUser.principal(), new RecordRef("account", sharedAccount.id()),
				new RecordRef("systemuser", users.get("orgWest").id()), Set.of(AccessRight.Read)))
			.isInstanceOf(RapportException.class)
			.satisfies(e -> assertThat(((RapportException) e).status()).isEqualTo(403));
	}

	@Test
	void nobodyButAnAdministratorChangesRoles() {
		User user = users.get("orgWest");
		UUID anyRole = records.create(SYSTEM, new EntityRecord("role").set("name", "Escalation " + run));
		assertThatThrownBy(() -> records.associate(user.principal(), new RecordRef("systemuser", user.id()),
				"systemuserroles_association", List.of(new RecordRef("role", anyRole))))
			.isInstanceOf(RapportException.class);
		assertThatThrownBy(() -> roles.setPrivileges(user.principal(), anyRole,
				List.of(new SecurityRoles.Grant("account", Privilege.Delete, Depth.Organization))))
			.isInstanceOf(RapportException.class);
		Api api = new Api(port, user.name() + "-" + run, PASSWORD);
		assertThat(api.post("/api/admin/users/" + user.id() + "/roles", Map.of("roles", List.of(anyRole.toString()))).status())
			.isEqualTo(403);
	}

	/** Runs a change in a transaction that is always rolled back; true if it was allowed. */
	private boolean attempt(Runnable change) {
		boolean[] allowed = { false };
		try {
			tx.executeWithoutResult(status -> {
				status.setRollbackOnly();
				change.run();
				allowed[0] = true;
			});
		} catch (RapportException e) {
			if (e.status() != 403 && e.status() != 404) {
				throw e;
			}
		}
		return allowed[0];
	}
}
