package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

/**
 * Walking every page of a sorted query: each row exactly once, in the order of the sort, and every page after the
 * first found by its keyset (the sort values of the last row seen), never by skipping rows with OFFSET.
 */
@RapportTest
class KeysetPagingIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	static final String[] CITIES = { "bergen", null, "alta", "oslo", "bergen", null, "tromso", "alta", "bergen", "oslo",
			null, "drammen", "bergen", "alta", null, "molde", "bergen", "oslo", "alta", null, "hamar", "bergen", "alta" };

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	final String batch = "paging-" + UUID.randomUUID();

	@Test
	void ascendingByANullableTextWithDuplicatesListsEveryRowOnceWithBlanksLast() {
		accountsInCities();
		Query query = accounts().select("name", "address1_city").orderBy(Order.asc("address1_city"));

		List<EntityRecord> walked = walk(query, 4);

		assertThat(walked).hasSize(CITIES.length);
		assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(onePage(query)));
		assertThat(cities(walked)).isSortedAccordingTo(Comparator.nullsLast(Comparator.<String>naturalOrder()));
	}

	@Test
	void descendingByANullableTextWithDuplicatesListsBlanksFirst() {
		accountsInCities();
		Query query = accounts().select("name", "address1_city").orderBy(Order.desc("address1_city"));

		List<EntityRecord> walked = walk(query, 3);

		assertThat(walked).hasSize(CITIES.length);
		assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(onePage(query)));
		assertThat(cities(walked)).isSortedAccordingTo(
				Comparator.nullsFirst(Comparator.<String>naturalOrder().reversed()));
	}

	@Test
	void byANullableDateWithDuplicatesInBothDirections() {
		LocalDate[] birthdays = { LocalDate.of(1980, 1, 1), null, LocalDate.of(1975, 6, 30), LocalDate.of(1980, 1, 1), null,
				LocalDate.of(2001, 2, 28), LocalDate.of(1975, 6, 30), LocalDate.of(1980, 1, 1), null, LocalDate.of(1999, 12, 31),
				LocalDate.of(1980, 1, 1), LocalDate.of(1960, 3, 3), null };
		for (int i = 0; i < birthdays.length; i++) {
			records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Person " + i).set("department", batch)
				.set("birthdate", birthdays[i]));
		}
		Query contacts = Query.of("contact").select("lastname", "birthdate").where(where("department", Operator.Eq, batch));

		for (Order order : List.of(Order.asc("birthdate"), Order.desc("birthdate"))) {
			Query query = contacts.orderBy(order);
			List<EntityRecord> walked = walk(query, 2);

			Comparator<LocalDate> natural = Comparator.naturalOrder();
			assertThat(walked).hasSize(birthdays.length);
			assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(onePage(query)));
			assertThat(values(walked, r -> r.get("birthdate", LocalDate.class))).isSortedAccordingTo(order.descending()
					? Comparator.nullsFirst(natural.reversed()) : Comparator.nullsLast(natural));
		}
	}

	@Test
	void byCreationTimeInBothDirections() {
		for (int i = 0; i < 9; i++) {
			account("Account " + i, null);
		}
		for (Order order : List.of(Order.asc("createdon"), Order.desc("createdon"))) {
			Query query = accounts().select("name", "createdon").orderBy(order);
			List<EntityRecord> walked = walk(query, 2);

			assertThat(walked).hasSize(9);
			assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(onePage(query)));
			List<String> names = values(walked, r -> r.getString("name"));
			assertThat(names).isSortedAccordingTo(order.descending() ? Comparator.<String>reverseOrder() : Comparator.naturalOrder());
		}
	}

	@Test
	void byManyColumnsInMixedDirections() {
		Integer[] industries = { 1, null, 2, 1, 2, null, 1, 3, 1, 2 };
		String[] revenues = { "100", "200", null, "100", "50", null, null, "10", "300", "50" };
		for (int i = 0; i < industries.length; i++) {
			for (String name : List.of("b", "a")) {
				records.create(SYSTEM, new EntityRecord("account").set("name", name + i).set("address1_name", batch)
					.set("industrycode", industries[i]).set("revenue", revenues[i] == null ? null : new BigDecimal(revenues[i])));
			}
		}
		Query query = accounts().select("name", "industrycode", "revenue")
			.orderBy(Order.asc("industrycode"), Order.desc("revenue"), Order.asc("name"));

		List<EntityRecord> walked = walk(query, 3);

		assertThat(walked).hasSize(2 * industries.length);
		assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(onePage(query)));
		Comparator<EntityRecord> expected = Comparator
			.comparing((EntityRecord r) -> r.get("industrycode", Integer.class), Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(r -> r.get("revenue", BigDecimal.class), Comparator.nullsFirst(Comparator.reverseOrder()))
			.thenComparing(r -> r.getString("name"));
		assertThat(walked).isSortedAccordingTo(expected);
	}

	@Test
	void byAYesNoAttributeAndByALookup() {
		UUID[] companies = { account("Company A", null), account("Company B", null) };
		for (int i = 0; i < 11; i++) {
			records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Person " + i).set("department", batch)
				.set("donotemail", i % 3 == 0).set("parentcustomerid", i % 4 == 0 ? null : new RecordRef("account", companies[i % 2])));
		}
		Query contacts = Query.of("contact").select("lastname", "donotemail", "parentcustomerid")
			.where(where("department", Operator.Eq, batch));

		for (Query query : List.of(contacts.orderBy(Order.asc("donotemail")), contacts.orderBy(Order.desc("donotemail")),
				contacts.orderBy(Order.asc("parentcustomerid"), Order.desc("lastname")),
				contacts.orderBy(Order.desc("parentcustomerid"), Order.asc("donotemail")))) {
			List<EntityRecord> walked = walk(query, 2);

			assertThat(walked).as(query.orders().toString()).hasSize(11);
			assertThat(ids(walked)).as(query.orders().toString()).doesNotHaveDuplicates()
				.containsExactlyElementsOf(ids(onePage(query)));
		}
	}

	@Test
	void pagingContinuesAfterTheLastRowSeenWhenRowsAreAddedBeforeIt() {
		for (String name : List.of("c1", "c2", "e1", "e2", "g1", "g2")) {
			account(name, null);
		}
		Query query = accounts().select("name").orderBy(Order.asc("name")).page(3);
		RecordPage first = queries.execute(SYSTEM, query);
		assertThat(names(first.records())).containsExactly("c1", "c2", "e1");

		account("a1", null);
		account("d1", null);
		account("f1", null);
		List<String> rest = new ArrayList<>();
		String cursor = first.nextCursor();
		while (cursor != null) {
			RecordPage page = queries.execute(SYSTEM, query.after(cursor));
			rest.addAll(names(page.records()));
			cursor = page.nextCursor();
		}

		assertThat(rest).containsExactly("e2", "f1", "g1", "g2");
	}

	@Test
	void aCursorFromAnotherQueryIsRefused() {
		for (int i = 0; i < 3; i++) {
			account("Account " + i, "oslo");
		}
		Query byName = accounts().orderBy(Order.asc("name")).page(1);
		String cursor = queries.execute(SYSTEM, byName).nextCursor();
		assertThat(cursor).isNotNull();

		for (Query other : List.of(accounts().orderBy(Order.desc("name")).page(1),
				accounts().where(where("address1_city", Operator.Eq, "oslo")).orderBy(Order.asc("name")).page(1),
				Query.of("contact").orderBy(Order.asc("lastname")).page(1))) {
			RapportException refused = catchThrowableOfType(RapportException.class,
					() -> queries.execute(SYSTEM, other.after(cursor)));
			assertThat(refused.status()).as(other.toString()).isEqualTo(400);
		}
		RapportException garbage = catchThrowableOfType(RapportException.class,
				() -> queries.execute(SYSTEM, byName.after("not a cursor")));
		assertThat(garbage.status()).isEqualTo(400);
	}

	@Test
	void aDifferentPageSizeOrColumnListMayContinueTheSameWalk() {
		for (int i = 0; i < 5; i++) {
			account("Account " + i, null);
		}
		Query byName = accounts().select("name").orderBy(Order.asc("name"));
		String cursor = queries.execute(SYSTEM, byName.page(2)).nextCursor();

		RecordPage rest = queries.execute(SYSTEM, byName.select("name", "address1_city").page(10).after(cursor));

		assertThat(names(rest.records())).containsExactly("Account 2", "Account 3", "Account 4");
	}

	@Test
	void pageSizesOutsideOneToFiveThousandAreRefused() {
		for (int size : new int[] { 0, -1, Query.MAX_PAGE_SIZE + 1 }) {
			RapportException refused = catchThrowableOfType(RapportException.class,
					() -> queries.execute(SYSTEM, accounts().page(size)));
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.getMessage()).contains(String.valueOf(size));
		}
		assertThat(queries.execute(SYSTEM, accounts().page(Query.MAX_PAGE_SIZE)).records()).isEmpty();
	}

	@Test
	void orderingByALinkedColumnStillListsEveryRowOnce() {
		UUID[] parents = { account("Zeta", null), account("Alpha", null), account("Mu", null) };
		for (int i = 0; i < 10; i++) {
			records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Child " + i).set("department", batch)
				.set("parentcustomerid", i % 4 == 3 ? null : new RecordRef("account", parents[i % 3])));
		}
		Query query = Query.of("contact").select("lastname").where(where("department", Operator.Eq, batch))
			.link(new LinkEntity("account", "parentcustomerid", "accountid", true, "company", List.of("name"), null))
			.orderBy(new Order("company", "name", false), Order.asc("lastname"));

		List<EntityRecord> walked = walk(query, 3, false);

		String secondPage = queries.sql(SYSTEM, query.page(3).after(queries.execute(SYSTEM, query.page(3)).nextCursor()));
		assertThat(secondPage.toLowerCase(Locale.ROOT)).as("a linked sort cannot be a keyset").contains("offset");
		assertThat(walked).hasSize(10);
		assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(onePage(query)));
		assertThat(values(walked, r -> r.getString("company.name")))
			.isSortedAccordingTo(Comparator.nullsLast(Comparator.<String>naturalOrder()));
	}

	private List<EntityRecord> walk(Query query, int pageSize) {
		return walk(query, pageSize, true);
	}

	/** Every page of the query, asserting that none but the first is more than a page. */
	private List<EntityRecord> walk(Query query, int pageSize, boolean keyset) {
		List<EntityRecord> all = new ArrayList<>();
		Query page = query.page(pageSize);
		for (int i = 0; i < 1000; i++) {
			if (keyset) {
				assertThat(queries.sql(SYSTEM, page).toLowerCase(Locale.ROOT)).doesNotContain("offset");
			}
			RecordPage result = queries.execute(SYSTEM, page);
			assertThat(result.records()).hasSizeLessThanOrEqualTo(pageSize);
			all.addAll(result.records());
			if (result.nextCursor() == null) {
				return all;
			}
			assertThat(result.records()).hasSize(pageSize);
			page = page.after(result.nextCursor());
		}
		throw new AssertionError("the walk did not end");
	}

	private List<EntityRecord> onePage(Query query) {
		RecordPage page = queries.execute(SYSTEM, query.page(Query.MAX_PAGE_SIZE));
		assertThat(page.moreRecords()).isFalse();
		return page.records();
	}

	private void accountsInCities() {
		for (int i = 0; i < CITIES.length; i++) {
			account("Account " + i, CITIES[i]);
		}
	}

	private UUID account(String name, String city) {
		return records.create(SYSTEM,
				new EntityRecord("account").set("name", name).set("address1_name", batch).set("address1_city", city));
	}

	private Query accounts() {
		return Query.of("account").where(where("address1_name", Operator.Eq, batch));
	}

	private static List<UUID> ids(List<EntityRecord> records) {
		return records.stream().map(EntityRecord::id).toList();
	}

	private static List<String> names(List<EntityRecord> records) {
		return values(records, r -> r.getString("name"));
	}

	private static List<String> cities(List<EntityRecord> records) {
		return values(records, r -> r.getString("address1_city"));
	}

	private static <T> List<T> values(List<EntityRecord> records, Function<EntityRecord, T> value) {
		List<T> list = new ArrayList<>();
		records.forEach(r -> list.add(value.apply(r)));
		return list;
	}
}
