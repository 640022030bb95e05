package io.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class AccountRulesIntegrationTest {

	private static final Principal ADMIN = Principal.user(UUID.fromString("00000000-0000-0000-0000-000000000002"),
			Principal.ROOT_BUSINESS_UNIT_ID);

	@Autowired
	Records records;

	@Autowired
	AccountHierarchy hierarchy;

	@LocalServerPort
	int port;

	@Test
	void deactivatingThePrimaryContactClearsItAndDeletingItToo() {
		UUID account = records.create(ADMIN, new EntityRecord("account").set("name", "Primary Ltd"));
		UUID contact = records.create(ADMIN, new EntityRecord("contact").set("lastname", "Prime")
			.set("parentcustomerid", new RecordRef("account", account)));
		records.update(ADMIN, new EntityRecord("account", account).set("primarycontactid", new RecordRef("contact", contact)));
		records.setState(ADMIN, new RecordRef("contact", contact), 1, null);
		assertThat(records.retrieve(ADMIN, "account", account, "primarycontactid").get("primarycontactid")).isNull();

		UUID second = records.create(ADMIN, new EntityRecord("contact").set("lastname", "Second"));
		records.update(ADMIN, new EntityRecord("account", account).set("primarycontactid", new RecordRef("contact", second)));
		records.delete(ADMIN, new RecordRef("contact", second));
		EntityRecord after = records.retrieve(ADMIN, "account", account, "primarycontactid", "name");
		assertThat(after.get("primarycontactid")).isNull();
		assertThat(after.get("name")).isEqualTo("Primary Ltd");
	}

	@Test
	void theWholeHierarchyIsListedTopFirstFromAnyAccountInIt() {
		UUID top = records.create(ADMIN, new EntityRecord("account").set("name", "Group"));
		UUID europe = records.create(ADMIN, new EntityRecord("account").set("name", "Group Europe")
			.set("parentaccountid", new RecordRef("account", top)));
		UUID france = records.create(ADMIN, new EntityRecord("account").set("name", "Group France")
			.set("parentaccountid", new RecordRef("account", europe)));
		UUID asia = records.create(ADMIN, new EntityRecord("account").set("name", "Group Asia")
			.set("parentaccountid", new RecordRef("account", top)));

		List<AccountHierarchy.Node> nodes = hierarchy.of(ADMIN, france);
		assertThat(nodes).extracting(AccountHierarchy.Node::accountId).containsExactly(top, asia, europe, france);
		assertThat(nodes).extracting(AccountHierarchy.Node::depth).containsExactly(0, 1, 1, 2);
		assertThat(nodes.get(3).requested()).isTrue();
		assertThat(nodes.get(3).parentAccountId()).isEqualTo(europe);

		Api.Response viaApi = Api.admin(port).get("/api/customers/accounts/" + europe + "/hierarchy");
		assertThat(viaApi.status()).isEqualTo(200);
		assertThat(viaApi.body()).contains("Group France").contains("Group Asia");
		assertThat(Api.admin(port).get("/api/customers/accounts/not-a-guid/hierarchy").status()).isEqualTo(400);
		assertThat(Api.admin(port).get("/api/customers/accounts/" + UUID.randomUUID() + "/hierarchy").status()).isEqualTo(404);
	}

	@Test
	void aParentAccountCannotBeItsOwnDescendant() {
		UUID parent = records.create(ADMIN, new EntityRecord("account").set("name", "Loop Parent"));
		UUID child = records.create(ADMIN, new EntityRecord("account").set("name", "Loop Child")
			.set("parentaccountid", new RecordRef("account", parent)));
		Api.Response loop = Api.admin(port).patch("/api/data/v9.2/accounts(" + parent + ")",
				Map.of("parentaccountid@odata.bind", "/accounts(" + child + ")"));
		assertThat(loop.status()).isEqualTo(400);
		assertThat(loop.body()).contains("parentaccountid");
	}
}
