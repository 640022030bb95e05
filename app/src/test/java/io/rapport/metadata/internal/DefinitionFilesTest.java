package io.rapport.metadata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;

import io.rapport.metadata.InvalidDefinitionException;

/**
 * The system definitions are read from {@code rapport.metadata.location} and checked before anything else happens.
 * Each case under {@code bad-metadata/} holds one wrong {@code widget.json}, read together with the minimal valid
 * definitions in {@code bad-metadata/base/}; the refusal names the file and the field to fix.
 */
class DefinitionFilesTest {

	/** The location of the base definitions and one case's files. */
	static String location(String testCase) {
		return "classpath*:bad-metadata/{dir:base|" + testCase + "}/*.json";
	}

	static SystemDefinitions load(String location) {
		return new SystemDefinitions(new MockEnvironment().withProperty("rapport.metadata.location", location));
	}

	@Test
	void theBaseAndAValidWidgetAreAccepted() {
		assertThat(load(location("valid")).sources()).extracting(DefinitionCompiler.Source::name)
			.containsExactly("businessunit.json", "systemuser.json", "team.json", "widget.json");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			unknown-field                 | attributes[0].maxLenght                  | maxLenght
			unknown-type                  | attributes[1].type                       | Float
			lookup-to-missing-entity      | attributes[1].targets                    | gadget
			duplicate-attribute           | attributes[2].name                       | colour
			system-column-attribute       | attributes[0].name                       | createdon
			key-on-missing-attribute      | keys[0].attributes                       | code
			delete-nocascade              | relationships[0].cascade.delete          | Restrict
			delete-nocascade-in-attribute | attributes[1].relationship.cascade.delete | Restrict
			custom-prefix-entity          | logicalName                              | new_
			custom-prefix-attribute       | attributes[1].name                       | new_
			wrong-default                 | attributes[1].default                    | large
			default-outside-options       | attributes[1].default                    | 9
			type-column-collision         | attributes[1].name                       | payertype
			field-given-twice             | attributes[0]                            | maxLength
			missing-ownership             | ownership                                | UserOwned
			invalid-name                  | logicalName                              | Widget Thing
			""")
	void anInvalidDefinitionIsRefusedNamingTheFileAndTheField(String testCase, String field, String detail) {
		InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
				() -> load(location(testCase)));

		assertThat(refused).as(testCase).isNotNull();
		assertThat(refused.source()).isEqualTo("widget.json");
		assertThat(refused.field()).isEqualTo(field);
		assertThat(refused.getMessage()).startsWith("widget.json: " + field + ": ").contains(detail);
	}

	@Test
	void aFileThatIsNotJsonIsRefusedNamingTheFile() {
		InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class,
				() -> load(location("not-json")));

		assertThat(refused.source()).isEqualTo("widget.json");
		assertThat(refused.getMessage()).startsWith("widget.json: ");
	}

	@Test
	void aLocationWithoutDefinitionsIsRefusedNamingTheLocation() {
		String location = "classpath*:bad-metadata/empty/*.json";

		InvalidDefinitionException refused = catchThrowableOfType(InvalidDefinitionException.class, () -> load(location));

		assertThat(refused).isNotNull();
		assertThat(refused.getMessage()).contains(location);
	}

	@Test
	void theShippedDefinitionsAreValid() {
		assertThat(load(DefinitionFiles.LOCATION).sources()).extracting(DefinitionCompiler.Source::name)
			.contains("account.json", "contact.json", "systemuser.json", "businessunit.json", "team.json");
	}
}
