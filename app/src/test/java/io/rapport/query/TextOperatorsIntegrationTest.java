package io.rapport.query;

import static io.rapport.query.Criterion.where;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

/** Text conditions on contacts: case-insensitive, nulls where Dataverse includes them, wildcards only where asked for. */
@RapportTest
class TextOperatorsIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	/** Every test's contacts share a department no other test uses. */
	final String batch = "text-" + UUID.randomUUID();

	@Test
	void eqMatchesRegardlessOfCase() {
		contacts("Smith", "SMITH", "smith", "Smyth");

		assertThat(lastnames(where("lastname", Operator.Eq, "sMiTh"))).containsExactlyInAnyOrder("Smith", "SMITH", "smith");
	}

	@Test
	void neExcludesEveryCaseOfTheValueAndKeepsBlanks() {
		contacts("Smith", "SMITH", "Smyth");
		contact("Jones", null);
		contact("Brown", "Anna");

		assertThat(lastnames(where("lastname", Operator.Ne, "smith"))).containsExactlyInAnyOrder("Smyth", "Jones", "Brown");
		assertThat(lastnames(where("firstname", Operator.Ne, "ANNA"))).containsExactlyInAnyOrder("Smith", "SMITH", "Smyth",
				"Jones");
	}

	@Test
	void likeUsesTheCallersWildcards() {
		contacts("Smith", "Smyth", "Smithers", "Schmidt");
		contact("Nobody", null);

		assertThat(lastnames(where("lastname", Operator.Like, "sm_th"))).containsExactlyInAnyOrder("Smith", "Smyth");
		assertThat(lastnames(where("lastname", Operator.Like, "S%th%"))).containsExactlyInAnyOrder("Smith", "Smyth",
				"Smithers");
		assertThat(lastnames(where("lastname", Operator.NotLike, "sm%"))).containsExactlyInAnyOrder("Schmidt", "Nobody");
		assertThat(lastnames(where("firstname", Operator.NotLike, "%"))).containsExactly("Nobody");
	}

	@Test
	void beginsWithMatchesThePrefixOnly() {
		contacts("Ostergaard", "OSTROWSKI", "Oslo", "Post", "O'Brien", "Ost_x", "Ost%y");
		contact("Nobody", null);

		assertThat(lastnames(where("lastname", Operator.BeginsWith, "ost"))).containsExactlyInAnyOrder("Ostergaard",
				"OSTROWSKI", "Ost_x", "Ost%y");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "O'"))).containsExactly("O'Brien");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "Ost_"))).containsExactly("Ost_x");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "Ost%"))).containsExactly("Ost%y");
		assertThat(lastnames(where("lastname", Operator.NotBeginWith, "os"))).containsExactlyInAnyOrder("Post", "O'Brien",
				"Nobody");
		assertThat(lastnames(where("firstname", Operator.NotBeginWith, "os"))).containsExactlyInAnyOrder("Post", "O'Brien",
				"Nobody");
	}

	@Test
	void beginsWithFindsAccentedAndNonLatinPrefixes() {
		contacts("Éa", "Ébé", "Eb", "Fa", "Øster", "Østre", "Ñandú", "Straße", "Страхов");

		assertThat(lastnames(where("lastname", Operator.BeginsWith, "é"))).containsExactlyInAnyOrder("Éa", "Ébé");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "øst"))).containsExactlyInAnyOrder("Øster", "Østre");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "ñ"))).containsExactly("Ñandú");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "straß"))).containsExactly("Straße");
		assertThat(lastnames(where("lastname", Operator.BeginsWith, "стр"))).containsExactly("Страхов");
	}

	@Test
	void endsWithMatchesTheSuffixOnly() {
		contacts("Andersen", "PETERSEN", "Sen", "Sensible", "Olsson");
		contact("Nobody", null);

		assertThat(lastnames(where("lastname", Operator.EndsWith, "SEN"))).containsExactlyInAnyOrder("Andersen", "PETERSEN",
				"Sen");
		assertThat(lastnames(where("lastname", Operator.NotEndWith, "sen"))).containsExactlyInAnyOrder("Sensible", "Olsson",
				"Nobody");
		assertThat(lastnames(where("firstname", Operator.NotEndWith, "sen"))).containsExactlyInAnyOrder("Sensible", "Olsson",
				"Nobody");
	}

	@Test
	void containsMatchesAnywhereIgnoringCase() {
		contacts("Macdonald", "McDONALD", "Donaldson", "Ronald");
		contact("Nobody", null);

		assertThat(lastnames(where("lastname", Operator.Contains, "DONALD"))).containsExactlyInAnyOrder("Macdonald",
				"McDONALD", "Donaldson");
		assertThat(lastnames(where("lastname", Operator.DoesNotContain, "donald"))).containsExactlyInAnyOrder("Ronald",
				"Nobody");
		assertThat(lastnames(where("firstname", Operator.DoesNotContain, "donald"))).containsExactlyInAnyOrder("Ronald",
				"Nobody");
	}

	@Test
	void inAndNotInCompareEachValueIgnoringCase() {
		contacts("Oslo", "BERGEN", "Trondheim");
		contact("Nobody", null);

		assertThat(lastnames(where("lastname", Operator.In, "oslo", "Bergen"))).containsExactlyInAnyOrder("Oslo", "BERGEN");
		assertThat(lastnames(where("lastname", Operator.NotIn, "OSLO", "bergen", "nobody"))).containsExactly("Trondheim");
		assertThat(lastnames(where("firstname", Operator.NotIn, "oslo"))).containsExactlyInAnyOrder("BERGEN", "Trondheim",
				"Nobody");
	}

	@Test
	void nullAndNotNullTellBlankFromFilled() {
		contact("Filled", "Ann");
		contact("Blank", null);

		assertThat(lastnames(where("firstname", Operator.Null))).containsExactly("Blank");
		assertThat(lastnames(where("firstname", Operator.NotNull))).containsExactly("Filled");
	}

	@Test
	void textConditionsIgnoreCaseWhateverTheServersLocale() {
		contacts("Istanbul", "Izmir", "Kilis");
		Locale locale = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));

			assertThat(lastnames(where("lastname", Operator.Contains, "ISTANBUL"))).containsExactly("Istanbul");
			assertThat(lastnames(where("lastname", Operator.BeginsWith, "IZ"))).containsExactly("Izmir");
			assertThat(lastnames(where("lastname", Operator.EndsWith, "ANBUL"))).containsExactly("Istanbul");
			assertThat(lastnames(where("lastname", Operator.Like, "I%R"))).containsExactly("Izmir");
			assertThat(lastnames(where("lastname", Operator.DoesNotContain, "IST"))).containsExactlyInAnyOrder("Izmir", "Kilis");
		} finally {
			Locale.setDefault(locale);
		}
	}

	private void contacts(String... lastnames) {
		for (String lastname : lastnames) {
			contact(lastname, lastname);
		}
	}

	private UUID contact(String lastname, String firstname) {
		return records.create(SYSTEM, new EntityRecord("contact").set("lastname", lastname).set("firstname", firstname)
			.set("department", batch));
	}

	private List<String> lastnames(Criterion criterion) {
		Query query = Query.of("contact").select("lastname")
			.where(where("department", Operator.Eq, batch))
			.where(criterion);
		return queries.execute(SYSTEM, query).records().stream().map(r -> r.getString("lastname")).toList();
	}
}
