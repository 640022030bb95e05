package io.rapport.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class OperationMappingsIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void actionControllersWinOverTheODataRouterAndUnknownNamesAre404() {
		Api api = Api.admin(port);
		Api.Response bound = api.post("/api/data/v9.2/accounts/Microsoft.Dynamics.CRM.RapportProbe", Map.of());
		assertThat(bound.status()).as(bound.body()).isEqualTo(200);
		assertThat(bound.json()).containsEntry("bound", "accounts");
		Api.Response unbound = api.post("/api/data/v9.2/RapportProbe", Map.of());
		assertThat(unbound.json()).containsEntry("unbound", true);
		Api.Response unknown = api.post("/api/data/v9.2/NoSuchOperation", Map.of());
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json()).containsKey("error");
	}
}
