package io.rapport.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;

/** The JSON form written for a job's input reads back as the same query (less paging, which a job does itself). */
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
	void aCriterionTheJsonFormCannotSayIsRefused() {
		Query negated = Query.of("contact").where(new Criterion.Not(Criterion.where("lastname", Operator.Eq, "Smith")));
		assertThatThrownBy(() -> QueryJson.write(negated)).isInstanceOf(RapportException.class).hasMessageContaining("not");
	}
}
