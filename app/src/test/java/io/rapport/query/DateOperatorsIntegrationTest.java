package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.test.RapportTest;

/**
 * Date conditions on a date-and-time and a date-only attribute of a custom entity made for this test. Days are UTC
 * days; "today" is the day of the query.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DateOperatorsIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Customizations customizations;

	final String entity = "new_dates" + UUID.randomUUID().toString().substring(0, 8);

	String batch;

	@BeforeAll
	void createEntity() {
		String json = """
				{"logicalName": "%s", "displayName": "Dated thing", "ownership": "UserOwned", "primaryNameAttribute": "new_name",
				 "attributes": [
				   {"name": "new_name", "type": "String"},
				   {"name": "new_batch", "type": "String"},
				   {"name": "new_when", "type": "DateTime"},
				   {"name": "new_day", "type": "DateOnly"}]}
				""".formatted(entity);
		customizations.createEntity(DefinitionJson.entity("test", json.getBytes(StandardCharsets.UTF_8)), SYSTEM);
	}

	@BeforeEach
	void newBatch() {
		batch = UUID.randomUUID().toString();
	}

	@Test
	void onAndAroundADayCoverTheWholeUtcDay() {
		at("before", "2030-04-30T23:59:59.999999Z");
		at("first", "2030-05-01T00:00:00Z");
		at("last", "2030-05-01T23:59:59.999999Z");
		at("west", "2030-05-01T20:30:00-05:00");
		at("after", "2030-05-02T00:00:00Z");
		at("never", null);

		assertThat(names(where("new_when", Operator.On, "2030-05-01"))).containsExactlyInAnyOrder("first", "last");
		assertThat(names(where("new_when", Operator.On, LocalDate.of(2030, 5, 2)))).containsExactlyInAnyOrder("west", "after");
		assertThat(names(where("new_when", Operator.OnOrBefore, "2030-05-01"))).containsExactlyInAnyOrder("before", "first",
				"last");
		assertThat(names(where("new_when", Operator.OnOrAfter, "2030-05-01"))).containsExactlyInAnyOrder("first", "last",
				"west", "after");
	}

	@Test
	void dateTimeComparisonsUseTheInstant() {
		at("early", "2030-05-01T08:00:00Z");
		at("same instant elsewhere", "2030-05-01T10:00:00+02:00");
		at("late", "2030-05-01T09:00:00Z");

		assertThat(names(where("new_when", Operator.Eq, "2030-05-01T08:00:00Z"))).containsExactlyInAnyOrder("early",
				"same instant elsewhere");
		assertThat(names(where("new_when", Operator.Gt, "2030-05-01T08:00:00Z"))).containsExactly("late");
		assertThat(names(where("new_when", Operator.Between, "2030-05-01T07:00:00Z", "2030-05-01T08:30:00Z")))
			.containsExactlyInAnyOrder("early", "same instant elsewhere");
	}

	@Test
	void todayYesterdayAndTomorrowOnDateTimes() {
		assumeAwayFromMidnight();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		at("yesterday late", today.minusDays(1).atTime(23, 59, 59).atOffset(ZoneOffset.UTC).toString());
		at("today early", today.atStartOfDay().atOffset(ZoneOffset.UTC).toString());
		at("today late", today.atTime(23, 59, 59).atOffset(ZoneOffset.UTC).toString());
		at("tomorrow early", today.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).toString());
		at("never", null);

		assertThat(names(where("new_when", Operator.Today))).containsExactlyInAnyOrder("today early", "today late");
		assertThat(names(where("new_when", Operator.Yesterday))).containsExactly("yesterday late");
		assertThat(names(where("new_when", Operator.Tomorrow))).containsExactly("tomorrow early");
	}

	@Test
	void lastAndNextXDaysOnDateTimesLookBackAndAheadFromNow() {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		at("an hour ago", now.minusHours(1).toString());
		at("three days ago", now.minusDays(3).toString());
		at("eight days ago", now.minusDays(8).toString());
		at("in an hour", now.plusHours(1).toString());
		at("in three days", now.plusDays(3).toString());
		at("in eight days", now.plusDays(8).toString());
		at("never", null);

		assertThat(names(where("new_when", Operator.LastXDays, 7))).containsExactlyInAnyOrder("an hour ago",
				"three days ago");
		assertThat(names(where("new_when", Operator.NextXDays, "7"))).containsExactlyInAnyOrder("in an hour",
				"in three days");
	}

	@Test
	void dayOperatorsOnDateOnlyAttributes() {
		assumeAwayFromMidnight();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		on("ten days ago", today.minusDays(10));
		on("three days ago", today.minusDays(3));
		on("yesterday", today.minusDays(1));
		on("today", today);
		on("tomorrow", today.plusDays(1));
		on("in three days", today.plusDays(3));
		on("in ten days", today.plusDays(10));
		on("never", null);

		assertThat(names(where("new_day", Operator.Today))).containsExactly("today");
		assertThat(names(where("new_day", Operator.Yesterday))).containsExactly("yesterday");
		assertThat(names(where("new_day", Operator.Tomorrow))).containsExactly("tomorrow");
		assertThat(names(where("new_day", Operator.LastXDays, 7))).containsExactlyInAnyOrder("three days ago", "yesterday",
				"today");
		assertThat(names(where("new_day", Operator.NextXDays, 7))).containsExactlyInAnyOrder("today", "tomorrow",
				"in three days");
		assertThat(names(where("new_day", Operator.On, today.minusDays(3)))).containsExactly("three days ago");
		assertThat(names(where("new_day", Operator.OnOrBefore, today.minusDays(1).toString())))
			.containsExactlyInAnyOrder("ten days ago", "three days ago", "yesterday");
		assertThat(names(where("new_day", Operator.OnOrAfter, today.plusDays(1)))).containsExactlyInAnyOrder("tomorrow",
				"in three days", "in ten days");
		assertThat(names(where("new_day", Operator.Between, today.minusDays(1), today.plusDays(1))))
			.containsExactlyInAnyOrder("yesterday", "today", "tomorrow");
		assertThat(names(where("new_day", Operator.Null))).containsExactly("never");
	}

	private static void assumeAwayFromMidnight() {
		LocalTime time = LocalTime.now(ZoneOffset.UTC);
		assumeTrue(time.isAfter(LocalTime.of(0, 1)) && time.isBefore(LocalTime.of(23, 59)), "too close to midnight UTC");
	}

	private void at(String name, String when) {
		records.create(SYSTEM, new EntityRecord(entity).set("new_name", name).set("new_batch", batch).set("new_when", when));
	}

	private void on(String name, LocalDate day) {
		records.create(SYSTEM, new EntityRecord(entity).set("new_name", name).set("new_batch", batch).set("new_day", day));
	}

	private List<String> names(Criterion criterion) {
		Query query = Query.of(entity).select("new_name").where(where("new_batch", Operator.Eq, batch)).where(criterion);
		return queries.execute(SYSTEM, query).records().stream().map(r -> r.getString("new_name")).toList();
	}
}
