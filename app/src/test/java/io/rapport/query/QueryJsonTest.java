package io.rapport.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rapport.core.RapportException;

/** The JSON form of criteria: what {@link QueryJson#write} gives, {@link QueryJson#read} reads back unchanged. */
class QueryJsonTest {

	@Test
	void existsAndNotCriteriaRoundTrip() {
		Criterion filter = Criterion.and(Criterion.where("lastname", Operator.BeginsWith, "Sm"),
				new Criterion.Exists("account", "accountid", "parentcustomerid", Criterion.where("industrycode", Operator.Eq, 1)),
				new Criterion.Not(new Criterion.Exists("task", "regardingobjectid", "contactid", null)));
		Map<String, Object> json = Map.of("entity", "contact", "filter", QueryJson.write(filter));
		assertThat(QueryJson.read(json).filter()).isEqualTo(filter);
		assertThat(QueryJson.write(filter).toString()).contains("exists={entity=account, attribute=accountid, "
				+ "parentAttribute=parentcustomerid, filter={attribute=industrycode, operator=Eq, values=[1]}}");
	}

	@Test
	void anExistsWithoutItsEntityIsRefusedNamingTheField() {
		Map<String, Object> json = Map.of("entity", "contact", "filter",
				Map.of("and", List.of(Map.of("exists", Map.of("attribute", "accountid", "parentAttribute", "parentcustomerid")))));
		assertThatThrownBy(() -> QueryJson.read(json)).isInstanceOf(RapportException.class)
			.hasMessageContaining("filter.and.exists.entity");
	}
}
