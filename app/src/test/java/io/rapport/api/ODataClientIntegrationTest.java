package io.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Iterator;
import java.util.UUID;

import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.communication.ODataClientErrorException;
import org.apache.olingo.client.api.communication.request.batch.BatchManager;
import org.apache.olingo.client.api.communication.request.batch.ODataBatchResponseItem;
import org.apache.olingo.client.api.communication.request.batch.ODataChangeset;
import org.apache.olingo.client.api.communication.request.cud.ODataEntityCreateRequest;
import org.apache.olingo.client.api.communication.request.cud.ODataEntityUpdateRequest;
import org.apache.olingo.client.api.communication.request.cud.UpdateType;
import org.apache.olingo.client.api.communication.request.retrieve.ODataEntityRequest;
import org.apache.olingo.client.api.communication.request.retrieve.ODataEntitySetRequest;
import org.apache.olingo.client.api.communication.response.ODataBatchResponse;
import org.apache.olingo.client.api.communication.response.ODataEntityCreateResponse;
import org.apache.olingo.client.api.communication.response.ODataRetrieveResponse;
import org.apache.olingo.client.api.domain.ClientEntity;
import org.apache.olingo.client.api.domain.ClientEntitySet;
import org.apache.olingo.client.api.domain.ClientObjectFactory;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.client.core.http.DefaultHttpClientFactory;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.format.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.test.Api;
import io.rapport.test.RapportTest;

/**
 * Apache Olingo's OData v4 client against the running application, as an integrator's program would use it: it reads
 * {@code $metadata}, creates, queries with {@code $filter}/{@code $select}, updates with the ETag it was given (and is
 * refused with a stale one), and runs a {@code $batch} with a change set.
 */
@RapportTest
class ODataClientIntegrationTest {

	private static final String NS = "Microsoft.Dynamics.CRM";

	@LocalServerPort
	int port;

	private ODataClient client;
	private String root;
	private final String run = "olc" + UUID.randomUUID().toString().substring(0, 6);

	@BeforeEach
	void client() {
		// As a Dataverse integrator does: a personal API token, sent as a bearer token with every request.
		String token = (String) Api.admin(port).post("/api/tokens", java.util.Map.of("name", "olingo " + run)).json().get("token");
		client = ODataClientFactory.getClient();
		client.getConfiguration().setHttpClientFactory(new DefaultHttpClientFactory() {
			@Override
			public org.apache.http.impl.client.DefaultHttpClient create(org.apache.olingo.commons.api.http.HttpMethod method, URI uri) {
				org.apache.http.impl.client.DefaultHttpClient http = super.create(method, uri);
				http.addRequestInterceptor((request, context) -> request.setHeader("Authorization", "Bearer " + token));
				return http;
			}
		});
		client.getConfiguration().setDefaultPubFormat(ContentType.APPLICATION_JSON);
		root = "http://127.0.0.1:" + port + "/api/data/v9.2";
	}

	@Test
	void readsTheMetadataOfContactsAndAccounts() {
		Edm edm = client.getRetrieveRequestFactory().getMetadataRequest(root).execute().getBody();
		assertThat(edm.getEntityContainer().getEntitySet("contacts")).isNotNull();
		EdmEntityType contact = edm.getEntityType(new FullQualifiedName(NS, "contact"));
		assertThat(contact.getPropertyNames()).contains("firstname", "lastname", "fullname", "jobtitle", "telephone1",
				"annualincome", "_parentcustomerid_value");
		assertThat(contact.getNavigationPropertyNames()).contains("parentcustomerid_account", "Contact_Tasks");
		EdmEntityType account = edm.getEntityType(new FullQualifiedName(NS, "account"));
		assertThat(account.getNavigationPropertyNames()).contains("primarycontactid", "contact_customer_accounts");

		// the business operations, as Dataverse declares them
		assertThat(edm.getUnboundAction(new FullQualifiedName(NS, "GrantAccess")).getParameterNames())
			.containsExactly("Target", "PrincipalAccess");
		assertThat(edm.getUnboundAction(new FullQualifiedName(NS, "Merge"))).isNotNull();
		assertThat(edm.getUnboundFunctions(new FullQualifiedName(NS, "RetrieveDuplicates"))).hasSize(1);
		assertThat(edm.getSchema(NS).getFunctions()).filteredOn(f -> f.getName().equals("RetrievePrincipalAccess"))
			.singleElement().satisfies(f -> {
				assertThat(f.isBound()).isTrue();
				assertThat(f.getParameter(f.getParameterNames().get(0)).getType().getName()).isEqualTo("principal");
			});
		assertThat(edm.getEnumType(new FullQualifiedName(NS, "AccessRights")).getMemberNames()).contains("ReadAccess",
				"ShareAccess");
		assertThat(edm.getEntityContainer().getActionImport("SetState")).isNotNull();
	}

	@Test
	void signsInWithBasicCredentialsWhenChallenged() {
		ODataClient basic = ODataClientFactory.getClient();
		basic.getConfiguration().setHttpClientFactory(
				new org.apache.olingo.client.core.http.BasicAuthHttpClientFactory("admin", "admin-test"));
		Edm edm = basic.getRetrieveRequestFactory().getMetadataRequest(root).execute().getBody();
		assertThat(edm.getEntityContainer().getEntitySet("accounts")).isNotNull();
	}

	@Test
	void createsQueriesAndUpdatesWithETags() {
		ClientEntity created = create("Ada", run + "Lovelace");
		String id = created.getProperty("contactid").getPrimitiveValue().toString();
		assertThat(created.getProperty("fullname").getPrimitiveValue().toString()).isEqualTo("Ada " + run + "Lovelace");

		URI query = client.newURIBuilder(root).appendEntitySetSegment("contacts")
			.filter("startswith(lastname,'" + run + "')").select("fullname", "telephone1").orderBy("fullname").build();
		ODataEntitySetRequest<ClientEntitySet> list = client.getRetrieveRequestFactory().getEntitySetRequest(query);
		ClientEntitySet set = list.execute().getBody();
		assertThat(set.getEntities()).hasSize(1);
		assertThat(set.getEntities().get(0).getProperty("fullname").getPrimitiveValue().toString()).isEqualTo("Ada " + run + "Lovelace");

		URI one = client.newURIBuilder(root).appendEntitySetSegment("contacts").appendKeySegment(UUID.fromString(id)).build();
		ODataEntityRequest<ClientEntity> read = client.getRetrieveRequestFactory().getEntityRequest(one);
		ODataRetrieveResponse<ClientEntity> response = read.execute();
		String etag = response.getETag();
		assertThat(etag).startsWith("W/\"");

		ClientEntity change = factory().newEntity(new FullQualifiedName(NS, "contact"));
		change.getProperties().add(factory().newPrimitiveProperty("telephone1",
				factory().newPrimitiveValueBuilder().buildString("+1 555 0100")));
		ODataEntityUpdateRequest<ClientEntity> update = client.getCUDRequestFactory().getEntityUpdateRequest(one, UpdateType.PATCH, change);
		update.setIfMatch(etag);
		assertThat(update.execute().getStatusCode()).isEqualTo(204);

		ODataEntityUpdateRequest<ClientEntity> stale = client.getCUDRequestFactory().getEntityUpdateRequest(one, UpdateType.PATCH, change);
		stale.setIfMatch(etag);
		assertThatThrownBy(stale::execute).isInstanceOfSatisfying(ODataClientErrorException.class,
				e -> assertThat(e.getStatusLine().getStatusCode()).isEqualTo(412));

		ClientEntity reread = client.getRetrieveRequestFactory().getEntityRequest(one).execute().getBody();
		assertThat(reread.getProperty("telephone1").getPrimitiveValue().toString()).isEqualTo("+1 555 0100");
	}

	@Test
	void runsABatchWithAChangeSet() {
		BatchManager batch = client.getBatchRequestFactory().getBatchRequest(root).payloadManager();
		ODataChangeset changeset = batch.addChangeset();
		URI contacts = client.newURIBuilder(root).appendEntitySetSegment("contacts").build();
		changeset.addRequest(client.getCUDRequestFactory().getEntityCreateRequest(contacts, contact("Grace", run + "Hopper")));
		changeset.addRequest(client.getCUDRequestFactory().getEntityCreateRequest(contacts, contact("Linus", run + "Torvalds")));
		URI query = client.newURIBuilder(root).appendEntitySetSegment("accounts").select("name").top(1).build();
		batch.addRequest(client.getRetrieveRequestFactory().getEntitySetRequest(query));

		ODataBatchResponse response = batch.getResponse();
		assertThat(response.getStatusCode()).isEqualTo(200);
		Iterator<ODataBatchResponseItem> items = response.getBody();
		ODataBatchResponseItem changes = items.next();
		assertThat(changes.isChangeset()).isTrue();
		int created = 0;
		while (changes.hasNext()) {
			assertThat(changes.next().getStatusCode()).isIn(201, 204);
			created++;
		}
		assertThat(created).isEqualTo(2);
		ODataBatchResponseItem read = items.next();
		assertThat(read.next().getStatusCode()).isEqualTo(200);

		URI query2 = client.newURIBuilder(root).appendEntitySetSegment("contacts")
			.filter("startswith(lastname,'" + run + "')").count(true).build();
		ClientEntitySet both = client.getRetrieveRequestFactory().getEntitySetRequest(query2).execute().getBody();
		assertThat(both.getEntities()).extracting(e -> e.getProperty("lastname").getPrimitiveValue().toString())
			.containsExactlyInAnyOrder(run + "Hopper", run + "Torvalds");
	}

	private ClientObjectFactory factory() {
		return client.getObjectFactory();
	}

	private ClientEntity contact(String first, String last) {
		ClientEntity entity = factory().newEntity(new FullQualifiedName(NS, "contact"));
		entity.getProperties().add(factory().newPrimitiveProperty("firstname", factory().newPrimitiveValueBuilder().buildString(first)));
		entity.getProperties().add(factory().newPrimitiveProperty("lastname", factory().newPrimitiveValueBuilder().buildString(last)));
		return entity;
	}

	private ClientEntity create(String first, String last) {
		URI contacts = client.newURIBuilder(root).appendEntitySetSegment("contacts").build();
		ODataEntityCreateRequest<ClientEntity> request = client.getCUDRequestFactory().getEntityCreateRequest(contacts,
				contact(first, last));
		request.setPrefer("return=representation");
		ODataEntityCreateResponse<ClientEntity> response = request.execute();
		assertThat(response.getStatusCode()).isEqualTo(201);
		return response.getBody();
	}
}
