package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

/**
 * Under and UnderOrEqual descend as deep as a real hierarchy goes, and end even when the stored hierarchy has a loop
 * (bulk paths write around the pipeline).
 */
@RapportTest
class HierarchyRecursionIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	DSLContext dsl;

	final String batch = "loop-" + UUID.randomUUID();

	@Test
	void underEndsAndListsEachAccountOnceWhenTheHierarchyLoops() {
		UUID top = account("Top", null);
		UUID middle = account("Middle", top);
		UUID bottom = account("Bottom", middle);
		dsl.update(table(name("account")))
			.set(field(name("parentaccountid"), UUID.class), bottom)
			.where(field(name("accountid"), UUID.class).eq(top))
			.execute();

		List<String> under = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> names(where("accountid", Operator.Under, middle)));
		List<String> underOrEqual = names(where("accountid", Operator.UnderOrEqual, top));

		assertThat(under).containsExactlyInAnyOrder("Top", "Middle", "Bottom");
		assertThat(underOrEqual).containsExactlyInAnyOrder("Top", "Middle", "Bottom");
	}

	@Test
	void underDescendsFiftyLevels() {
		UUID top = account("Level 0", null);
		UUID parent = top;
		for (int level = 1; level <= 50; level++) {
			parent = account("Level " + level, parent);
		}

		assertThat(names(where("accountid", Operator.Under, top))).hasSize(50).contains("Level 1", "Level 50");
	}

	private UUID account(String name, UUID parent) {
		return records.create(SYSTEM, new EntityRecord("account").set("name", name).set("address1_name", batch)
			.set("parentaccountid", parent == null ? null : new RecordRef("account", parent)));
	}

	private List<String> names(Criterion criterion) {
		Query query = Query.of("account").select("name").where(where("address1_name", Operator.Eq, batch)).where(criterion);
		return queries.execute(SYSTEM, query).records().stream().map(r -> r.getString("name")).toList();
	}
}
