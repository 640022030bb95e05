package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

/**
 * Values in conditions are data: wrong ones are refused with a 400 that names the attribute, and quotes, wildcards
 * and backslashes never change what a condition means.
 */
@RapportTest
class QueryValuesIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	static final List<String> AWKWARD = List.of("50%", "500", "5_0", "550", "%", "_", "a'b", "ab", "x'; drop table contact; --",
			"back\\slash", "back\\", "backslash", "per\\%cent", "Robert'); DELETE FROM account; --", "\"quoted\"");

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	DSLContext dsl;

	final String batch = "values-" + UUID.randomUUID();

	@Test
	void wrongValuesAreRefusedNamingTheAttribute() {
		Map<String, Criterion> wrong = new LinkedHashMap<>();
		wrong.put("parentcustomerid", where("parentcustomerid", Operator.Eq, "not-a-guid"));
		wrong.put("ownerid", where("ownerid", Operator.In, UUID.randomUUID(), "42"));
		wrong.put("numberofchildren", where("numberofchildren", Operator.Gt, "many"));
		wrong.put("annualincome", where("annualincome", Operator.Between, "1", "lots"));
		wrong.put("birthdate", where("birthdate", Operator.On, "2020-13-45"));
		wrong.put("donotemail", where("donotemail", Operator.Eq, "perhaps"));
		wrong.put("gendercode", where("gendercode", Operator.Eq, "1.5"));
		wrong.put("contactid", where("contactid", Operator.Eq, "x"));
		wrong.put("nosuchattribute", where("nosuchattribute", Operator.Eq, "x"));
		wrong.put("lastname", where("lastname", Operator.Eq, (Object) null));
		wrong.put("firstname", where("firstname", Operator.Between, "a"));
		wrong.put("jobtitle", where("jobtitle", Operator.In));
		wrong.put("numberofemployees", where("numberofchildren", Operator.Null, 3));
		wrong.put("annualincome ", where("annualincome", Operator.Contains, "5"));
		wrong.put("department", where("department", Operator.Today));
		wrong.put("createdon", where("createdon", Operator.LastXDays, "a week"));
		wrong.put("modifiedon", where("modifiedon", Operator.NextXDays, -1));
		for (Map.Entry<String, Criterion> e : wrong.entrySet()) {
			String attribute = e.getKey().equals("numberofemployees") ? "numberofchildren" : e.getKey().trim();
			RapportException refused = catchThrowableOfType(RapportException.class,
					() -> queries.execute(SYSTEM, Query.of("contact").where(e.getValue())));
			assertThat(refused).as(e.getValue().toString()).isNotNull();
			assertThat(refused.status()).as(e.getValue().toString()).isEqualTo(400);
			assertThat(refused.getMessage()).as(e.getValue().toString()).contains(attribute);
		}
	}

	@Test
	void aNulCharacterInAValueIsRefusedNamingTheAttribute() {
		for (Operator operator : List.of(Operator.Eq, Operator.Ne, Operator.Gt, Operator.Contains, Operator.BeginsWith,
				Operator.EndsWith, Operator.Like, Operator.In)) {
			RapportException refused = catchThrowableOfType(RapportException.class, () -> queries.execute(SYSTEM,
					Query.of("contact").where(where("lastname", operator, "a\u0000b"))));

			assertThat(refused).as(operator.name()).isNotNull();
			assertThat(refused.status()).as(operator.name()).isEqualTo(400);
			assertThat(refused.getMessage()).as(operator.name()).contains("lastname");
		}
	}

	@Test
	void unknownColumnsAndSortsAreRefusedNamingTheAttribute() {
		for (Query query : List.of(Query.of("contact").select("lastname", "nosuchcolumn"),
				Query.of("contact").orderBy(Order.asc("nosuchcolumn")), Query.of("contact").orderBy(Order.asc("description")))) {
			RapportException refused = catchThrowableOfType(RapportException.class, () -> queries.execute(SYSTEM, query));
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.getMessage()).containsAnyOf("nosuchcolumn", "description");
		}
	}

	@Test
	void wildcardsAndQuotesInValuesAreMatchedLiterally() {
		AWKWARD.forEach(this::contact);

		assertThat(lastnames(where("lastname", Operator.Contains, "50%"))).containsExactly("50%");
		assertThat(lastnames(where("lastname", Operator.Contains, "5_0"))).containsExactly("5_0");
		assertThat(lastnames(where("lastname", Operator.Contains, "_"))).containsExactlyInAnyOrder("5_0", "_");
		assertThat(lastnames(where("lastname", Operator.Contains, "%"))).containsExactlyInAnyOrder("50%", "%", "per\\%cent");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "%"))).containsExactly("%");
		assertThat(lastnames(where("lastname", Operator.EndsWith, "%"))).containsExactlyInAnyOrder("50%", "%");
		assertThat(lastnames(where("lastname", Operator.EndsWith, "\\"))).containsExactly("back\\");
		assertThat(lastnames(where("lastname", Operator.Contains, "\\%"))).containsExactly("per\\%cent");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "back\\"))).containsExactlyInAnyOrder("back\\slash",
				"back\\");
		assertThat(lastnames(where("lastname", Operator.Contains, "'"))).containsExactlyInAnyOrder("a'b",
				"x'; drop table contact; --", "Robert'); DELETE FROM account; --");
		assertThat(lastnames(where("lastname", Operator.DoesNotContain, "%"))).hasSize(AWKWARD.size() - 3);
		for (String value : AWKWARD) {
			assertThat(lastnames(where("lastname", Operator.Eq, value))).as(value).containsExactly(value);
		}
		assertThat(lastnames(where("lastname", Operator.In, "x'; drop table contact; --", "\"quoted\"")))
			.containsExactlyInAnyOrder("x'; drop table contact; --", "\"quoted\"");
		assertThat(lastnames(where("lastname", Operator.NotIn, AWKWARD.toArray()))).isEmpty();
	}

	@Test
	void likeKeepsItsWildcardsButAnEscapedWildcardIsLiteral() {
		AWKWARD.forEach(this::contact);

		assertThat(lastnames(where("lastname", Operator.Like, "5_0"))).containsExactlyInAnyOrder("500", "5_0", "550");
		assertThat(lastnames(where("lastname", Operator.Like, "5\\_0"))).containsExactly("5_0");
		assertThat(lastnames(where("lastname", Operator.Like, "50\\%"))).containsExactly("50%");
		assertThat(lastnames(where("lastname", Operator.Like, "back\\\\"))).containsExactly("back\\");
	}

	@Test
	void theDiagnosticSqlWithInlinedValuesFindsTheSameRows() {
		AWKWARD.forEach(this::contact);

		for (String value : AWKWARD) {
			Query query = Query.of("contact").select("lastname")
				.where(where("department", Operator.Eq, batch))
				.where(where("lastname", Operator.Contains, value));
			List<String> viaSql = dsl.fetch(queries.sql(SYSTEM, query)).getValues("lastname", String.class);
			assertThat(viaSql).as(value).containsExactlyInAnyOrderElementsOf(
					queries.execute(SYSTEM, query).records().stream().map(r -> r.getString("lastname")).toList());
		}
		assertThat(dsl.fetchCount(dsl.selectOne().from("contact").where("department = ?", batch))).isEqualTo(AWKWARD.size());
	}

	private void contact(String lastname) {
		records.create(SYSTEM, new EntityRecord("contact").set("lastname", lastname).set("department", batch));
	}

	private List<String> lastnames(Criterion criterion) {
		Query query = Query.of("contact").select("lastname").where(where("department", Operator.Eq, batch)).where(criterion);
		return queries.execute(SYSTEM, query).records().stream().map(r -> r.getString("lastname")).toList();
	}
}
