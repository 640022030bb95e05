package io.rapport.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;

/**
 * The JSON form of the query model: what {@link QueryJson#write} gives (a criterion, or a whole query for a job's
 * input, less paging, which a job does itself), {@link QueryJson#read} reads back unchanged.
 */
class QueryJsonTest {

	@Test
	void aWrittenQueryReadsBackAsTheSameQuery() {
		UUID account = UUID.randomUUID();
		Query query = Query.of("contact").select("fullname", "emailaddress1")
			.where(Criterion.and(Criterion.where("statecode", Operator.Eq, 0),
					Criterion.or(Criterion.where("lastname", Operator.BeginsWith, "Sm"), Criterion.where("ownerid", Operator.EqUserId))))
			.link(new LinkEntity("account", "parentcustomerid", "accountid", true, "company", List.of("name"),
					Criterion.where("name", Operator.Eq, "Acme")))
			.orderBy(Order.desc("fullname"));
		assertThat(QueryJson.read(QueryJson.write(query))).isEqualTo(query);

		Query byRecord = Query.of("contact").where(Criterion.where("parentcustomerid", Operator.Eq, new RecordRef("account", account)));
		assertThat(QueryJson.read(QueryJson.write(byRecord)).filter())
			.isEqualTo(Criterion.where("parentcustomerid", Operator.Eq, account.toString()));
	}

	@Test
	void aQueryWithRelatedRecordConditionsReadsBackAsTheSameQuery() {
		Query query = Query.of("contact").select("fullname")
			.where(Criterion.and(Criterion.where("lastname", Operator.BeginsWith, "Sm"),
					new Criterion.Exists("account", "accountid", "parentcustomerid", Criterion.where("industrycode", Operator.Eq, 1)),
					new Criterion.Not(new Criterion.Exists("task", "regardingobjectid", "contactid", null))))
			.orderBy(Order.asc("fullname"));
		assertThat(QueryJson.read(QueryJson.write(query))).isEqualTo(query);
	}

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
