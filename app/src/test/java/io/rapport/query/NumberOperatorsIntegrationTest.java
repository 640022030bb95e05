package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

/** Comparisons on whole numbers and money, with the boundaries where users notice off-by-one mistakes. */
@RapportTest
class NumberOperatorsIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	final String batch = "numbers-" + UUID.randomUUID();

	@Test
	void wholeNumberComparisonsRespectTheirBoundaries() {
		account("ten", 10, null);
		account("twenty", 20, null);
		account("thirty", 30, null);
		account("unknown", null, null);

		assertThat(names(where("numberofemployees", Operator.Gt, 20))).containsExactlyInAnyOrder("thirty");
		assertThat(names(where("numberofemployees", Operator.Ge, 20))).containsExactlyInAnyOrder("twenty", "thirty");
		assertThat(names(where("numberofemployees", Operator.Lt, 20))).containsExactlyInAnyOrder("ten");
		assertThat(names(where("numberofemployees", Operator.Le, "20"))).containsExactlyInAnyOrder("ten", "twenty");
		assertThat(names(where("numberofemployees", Operator.Eq, 30))).containsExactly("thirty");
		assertThat(names(where("numberofemployees", Operator.Ne, 30))).containsExactlyInAnyOrder("ten", "twenty", "unknown");
		assertThat(names(where("numberofemployees", Operator.In, 10, 30))).containsExactlyInAnyOrder("ten", "thirty");
		assertThat(names(where("numberofemployees", Operator.NotIn, 10, 30))).containsExactlyInAnyOrder("twenty", "unknown");
	}

	@Test
	void betweenIncludesBothEndsAndNotBetweenKeepsBlanks() {
		account("ten", 10, null);
		account("twenty", 20, null);
		account("thirty", 30, null);
		account("unknown", null, null);

		assertThat(names(where("numberofemployees", Operator.Between, 10, 20))).containsExactlyInAnyOrder("ten", "twenty");
		assertThat(names(where("numberofemployees", Operator.NotBetween, 10, 20))).containsExactlyInAnyOrder("thirty",
				"unknown");
	}

	@Test
	void moneyComparesByValueWhateverTheScale() {
		account("cheap", null, new BigDecimal("999.99"));
		account("exact", null, new BigDecimal("1000"));
		account("dear", null, new BigDecimal("1000.01"));
		account("unpriced", null, null);

		assertThat(names(where("revenue", Operator.Eq, new BigDecimal("1000.00")))).containsExactly("exact");
		assertThat(names(where("revenue", Operator.Eq, "1000"))).containsExactly("exact");
		assertThat(names(where("revenue", Operator.Gt, 1000))).containsExactly("dear");
		assertThat(names(where("revenue", Operator.Ge, 1000.0))).containsExactlyInAnyOrder("exact", "dear");
		assertThat(names(where("revenue", Operator.Lt, "1000.00"))).containsExactly("cheap");
		assertThat(names(where("revenue", Operator.Le, new BigDecimal("1000")))).containsExactlyInAnyOrder("cheap", "exact");
		assertThat(names(where("revenue", Operator.Between, "999.995", "1000.005"))).containsExactly("exact");
		assertThat(names(where("revenue", Operator.NotBetween, "999.99", "1000"))).containsExactlyInAnyOrder("dear",
				"unpriced");
		assertThat(names(where("revenue", Operator.Null))).containsExactly("unpriced");
	}

	private void account(String name, Integer employees, BigDecimal revenue) {
		records.create(SYSTEM, new EntityRecord("account").set("name", name).set("address1_name", batch)
			.set("numberofemployees", employees).set("revenue", revenue));
	}

	private List<String> names(Criterion criterion) {
		Query query = Query.of("account").select("name")
			.where(where("address1_name", Operator.Eq, batch))
			.where(criterion);
		return queries.execute(SYSTEM, query).records().stream().map(r -> r.getString("name")).toList();
	}
}
