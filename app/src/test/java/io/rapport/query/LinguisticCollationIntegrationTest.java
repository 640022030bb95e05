package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.test.RapportTest;
import io.rapport.test.TestDatabase;

/**
 * Text conditions give the same answers whatever the database's collation. Production PostgreSQL servers often use a
 * linguistic collation (ICU or glibc en_US) that orders "éa" after "ê"; on PostgreSQL this test gives its own column
 * such a collation. On H2, which has no column collations, it checks the same answers with the default one.
 */
@RapportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinguisticCollationIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Customizations customizations;

	@Autowired
	DSLContext dsl;

	final String entity = "new_words" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	void createEntityWithALinguisticCollation() {
		String json = """
				{"logicalName": "%s", "displayName": "Word", "ownership": "UserOwned", "primaryNameAttribute": "new_name",
				 "attributes": [{"name": "new_name", "type": "String", "maxLength": 100}]}
				""".formatted(entity);
		customizations.createEntity(DefinitionJson.entity("test", json.getBytes(StandardCharsets.UTF_8)), SYSTEM);
		if (TestDatabase.postgres()) {
			dsl.execute("alter table " + entity + " alter column new_name type varchar(100) collate \"und-x-icu\"");
		}
		for (String word : List.of("éa", "éb", "ê", "eb", "f", "a-z", "a-", "a.", "ab", "Zürich", "zz", "ß", "ss")) {
			records.create(SYSTEM, new EntityRecord(entity).set("new_name", word));
		}
	}

	@Test
	void beginsWithFindsEveryWordWithThePrefix() {
		assertThat(words(where("new_name", Operator.BeginsWith, "é"))).containsExactlyInAnyOrder("éa", "éb");
		assertThat(words(where("new_name", Operator.BeginsWith, "a-"))).containsExactlyInAnyOrder("a-z", "a-");
		assertThat(words(where("new_name", Operator.BeginsWith, "zü"))).containsExactly("Zürich");
		assertThat(words(where("new_name", Operator.BeginsWith, "ß"))).containsExactly("ß");
		assertThat(words(where("new_name", Operator.NotBeginWith, "é"))).doesNotContain("éa", "éb").contains("ê", "eb");
	}

	private List<String> words(Criterion criterion) {
		return queries.execute(SYSTEM, Query.of(entity).select("new_name").where(criterion).page(100)).records().stream()
			.map(r -> r.getString("new_name"))
			.toList();
	}
}
