package io.rapport.query;

import static io.rapport.query.Criterion.and;
import static io.rapport.query.Criterion.or;
import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

/** Nested and/or groups, linked entities (inner and outer, with their own filters and columns) and ordering. */
@RapportTest
class QueryShapeIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	final String batch = "shape-" + UUID.randomUUID();

	@Test
	void nestedGroupsCombineAsWritten() {
		account("Oslo big", "oslo", 500);
		account("Oslo small", "oslo", 5);
		account("Oslo alpha", "oslo", 1);
		account("Bergen big", "bergen", 500);
		account("Bergen small", "bergen", 5);
		account("Nowhere", null, 50);

		Criterion criterion = or(
				and(where("address1_city", Operator.Eq, "oslo"),
						or(where("numberofemployees", Operator.Gt, 100), where("name", Operator.Contains, "alpha"))),
				and(where("address1_city", Operator.Eq, "bergen"), where("numberofemployees", Operator.Lt, 100)),
				and(where("address1_city", Operator.Null), or()));

		assertThat(accountNames(criterion)).containsExactlyInAnyOrder("Oslo big", "Oslo alpha", "Bergen small", "Nowhere");
		assertThat(accountNames(and(or(where("address1_city", Operator.Eq, "oslo"), where("address1_city", Operator.Null)),
				where("numberofemployees", Operator.Ge, 5)))).containsExactlyInAnyOrder("Oslo big", "Oslo small", "Nowhere");
	}

	@Test
	void anInnerLinkReturnsOnlyContactsWhoseAccountMatchesTheLinkFilter() {
		UUID acme = account("Acme", "oslo", 10);
		UUID globex = account("Globex", "bergen", 10);
		contact("Ann", new RecordRef("account", acme));
		contact("Bob", new RecordRef("account", globex));
		contact("Cid", null);

		Query query = contacts().select("lastname")
			.link(new LinkEntity("account", "parentcustomerid", "accountid", false, "company", List.of("name", "address1_city"),
					where("address1_city", Operator.Eq, "OSLO")))
			.orderBy(Order.asc("lastname"));
		List<EntityRecord> found = queries.execute(SYSTEM, query).records();

		assertThat(rows(found, "lastname", "company.name", "company.address1_city"))
			.containsExactly(List.of("Ann", "Acme", "oslo"));
	}

	@Test
	void anOuterLinkKeepsEveryContactAndFillsOnlyMatchingAccounts() {
		UUID acme = account("Acme", "oslo", 10);
		UUID globex = account("Globex", "bergen", 10);
		UUID boss = contact("Boss", null);
		contact("Ann", new RecordRef("account", acme));
		contact("Bob", new RecordRef("account", globex));
		contact("Dee", new RecordRef("contact", boss));

		Query query = contacts().select("lastname")
			.link(new LinkEntity("account", "parentcustomerid", "accountid", true, "company", List.of("name"),
					where("address1_city", Operator.Eq, "oslo")))
			.orderBy(Order.asc("lastname"));

		assertThat(rows(queries.execute(SYSTEM, query).records(), "lastname", "company.name")).containsExactly(
				list("Ann", "Acme"), list("Bob", null), list("Boss", null), list("Dee", null));
	}

	@Test
	void aConditionOnALinkedEntityCanSitInTheMainFilter() {
		UUID acme = account("Acme", "oslo", 10);
		UUID boss = contact("Boss", new RecordRef("account", acme));
		contact("Ann", new RecordRef("account", acme));
		contact("Dee", new RecordRef("contact", boss));
		contact("Eve", null);

		Query query = contacts().select("lastname")
			.link(new LinkEntity("account", "parentcustomerid", "accountid", true, "company", List.of(), null))
			.link(new LinkEntity("contact", "parentcustomerid", "contactid", true, "manager", List.of("lastname"), null))
			.where(or(new Criterion.Condition("company", "name", Operator.Eq, List.of("acme")),
					new Criterion.Condition("manager", "lastname", Operator.Eq, List.of("boss"))))
			.orderBy(Order.asc("lastname"));

		assertThat(rows(queries.execute(SYSTEM, query).records(), "lastname", "manager.lastname")).containsExactly(
				list("Ann", null), list("Boss", null), list("Dee", "Boss"));
	}

	@Test
	void ascendingOrderPutsBlanksLastAndDescendingPutsThemFirst() {
		account("b", "bergen", 1);
		account("n1", null, 2);
		account("a", "alta", 3);
		account("n2", null, 4);
		account("o", "oslo", 5);

		Query byCity = accounts().select("name");
		assertThat(names(byCity.orderBy(Order.asc("address1_city"), Order.asc("name")))).containsExactly("a", "b", "o", "n1",
				"n2");
		assertThat(names(byCity.orderBy(Order.desc("address1_city"), Order.asc("name")))).containsExactly("n1", "n2", "o",
				"b", "a");
		assertThat(names(byCity.orderBy(Order.desc("numberofemployees")))).containsExactly("o", "n2", "a", "n1", "b");
	}

	@Test
	void distinctListsEachAccountOnceThroughALinkToItsContactsOnEveryPage() {
		for (String name : List.of("Alpha", "Beta", "Gamma", "Delta", "Lonely")) {
			UUID account = account(name, null, 1);
			for (int i = 0; !name.equals("Lonely") && i < 3; i++) {
				contact(name + " contact " + i, new RecordRef("account", account));
			}
		}
		Query query = accounts().select("name")
			.link(new LinkEntity("contact", "accountid", "parentcustomerid", false, "employee", List.of(), null))
			.orderBy(Order.asc("name"))
			.withDistinct()
			.page(3);

		List<String> names = new ArrayList<>();
		RecordPage page = queries.execute(SYSTEM, query);
		names.addAll(names(page));
		while (page.nextCursor() != null) {
			page = queries.execute(SYSTEM, query.after(page.nextCursor()));
			names.addAll(names(page));
		}

		assertThat(names).containsExactly("Alpha", "Beta", "Delta", "Gamma");
	}

	@Test
	void linksThatDoNotFitAreRefusedNamingWhatIsWrong() {
		Map<String, LinkEntity> wrong = new LinkedHashMap<>();
		wrong.put("nosuchattribute", new LinkEntity("account", "nosuchattribute", "accountid", false, "a", List.of(), null));
		wrong.put("nosuchcolumn", new LinkEntity("account", "parentcustomerid", "accountid", false, "a", List.of("nosuchcolumn"), null));
		wrong.put("Bad Alias", new LinkEntity("account", "parentcustomerid", "accountid", false, "Bad Alias", List.of(), null));
		wrong.put("nosuchentity", new LinkEntity("nosuchentity", "parentcustomerid", "accountid", false, "a", List.of(), null));
		for (Map.Entry<String, LinkEntity> e : wrong.entrySet()) {
			RapportException refused = catchThrowableOfType(RapportException.class,
					() -> queries.execute(SYSTEM, contacts().link(e.getValue())));
			assertThat(refused).as(e.getKey()).isNotNull();
			assertThat(refused.status()).as(e.getKey()).isIn(400, 404);
			assertThat(refused.getMessage()).as(e.getKey()).contains(e.getKey());
		}
		RapportException twice = catchThrowableOfType(RapportException.class, () -> queries.execute(SYSTEM, contacts()
			.link(new LinkEntity("account", "parentcustomerid", "accountid", false, "a", List.of(), null))
			.link(new LinkEntity("account", "parentcustomerid", "accountid", false, "a", List.of(), null))));
		assertThat(twice.status()).isEqualTo(400);
		RapportException unknownAlias = catchThrowableOfType(RapportException.class, () -> queries.execute(SYSTEM,
				contacts().where(new Criterion.Condition("ghost", "name", Operator.Eq, List.of("x")))));
		assertThat(unknownAlias.status()).isEqualTo(400);
		assertThat(unknownAlias.getMessage()).contains("ghost");
	}

	private UUID account(String name, String city, Integer employees) {
		return records.create(SYSTEM, new EntityRecord("account").set("name", name).set("address1_name", batch)
			.set("address1_city", city).set("numberofemployees", employees));
	}

	private UUID contact(String lastname, RecordRef parent) {
		return records.create(SYSTEM, new EntityRecord("contact").set("lastname", lastname).set("department", batch)
			.set("parentcustomerid", parent));
	}

	private Query accounts() {
		return Query.of("account").where(where("address1_name", Operator.Eq, batch));
	}

	private Query contacts() {
		return Query.of("contact").where(where("department", Operator.Eq, batch));
	}

	private List<String> accountNames(Criterion criterion) {
		return names(accounts().select("name").where(criterion));
	}

	private List<String> names(Query query) {
		return names(queries.execute(SYSTEM, query));
	}

	private static List<String> names(RecordPage page) {
		return page.records().stream().map(r -> r.getString("name")).toList();
	}

	private static List<List<Object>> rows(List<EntityRecord> records, String... columns) {
		List<List<Object>> rows = new ArrayList<>();
		for (EntityRecord r : records) {
			List<Object> row = new ArrayList<>();
			for (String c : columns) {
				row.add(r.get(c));
			}
			rows.add(row);
		}
		return rows;
	}

	private static List<Object> list(Object... values) {
		return java.util.Arrays.asList(values);
	}
}
