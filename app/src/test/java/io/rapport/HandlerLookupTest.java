package io.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandlerLookupTest {

	@Test
	void aPatternsLiteralPrefixEndsBeforeTheSegmentOfItsFirstVariableOrWildcard() {
		assertThat(HandlerLookup.PathFirst.literalPrefix("/api/data/v9.2/{set}({id})/Microsoft.Dynamics.CRM.Merge"))
			.isEqualTo("/api/data/v9.2");
		assertThat(HandlerLookup.PathFirst.literalPrefix("/api/data/v9.2/**")).isEqualTo("/api/data/v9.2");
		assertThat(HandlerLookup.PathFirst.literalPrefix("/app/{entity}/new")).isEqualTo("/app");
		assertThat(HandlerLookup.PathFirst.literalPrefix("/settings/users")).isEqualTo("/settings/users");
		assertThat(HandlerLookup.PathFirst.literalPrefix("/{x}")).isEmpty();
		assertThat(HandlerLookup.PathFirst.literalPrefix("")).isEmpty();
	}
}
