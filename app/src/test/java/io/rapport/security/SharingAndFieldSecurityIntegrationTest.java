package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditHistory;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.DefinitionJson;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.Api;
import io.rapport.test.RapportTest;

@RapportTest
class SharingAndFieldSecurityIntegrationTest {

	private static final Principal SYSTEM = Principal.systemPrincipal();
	private static final UUID SALESPERSON = UUID.fromString("00000000-0000-0000-0000-0000000000a3");

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	@Autowired
	Sharing sharing;

	@Autowired
	AuditHistory audit;

	@Autowired
	Customizations customizations;

	@Autowired
	io.rapport.metadata.Metadata metadata;

	@LocalServerPort
	int port;

	private Principal salesperson(UUID unit) {
		UUID id = records.create(SYSTEM, new EntityRecord("systemuser").set("domainname", "sp-" + UUID.randomUUID())
			.set("businessunitid", new RecordRef("businessunit", unit)));
		records.associate(SYSTEM, new RecordRef("systemuser", id), "systemuserroles_association", List.of(new RecordRef("role", SALESPERSON)));
		return Principal.user(id, unit);
	}

	private UUID unit() {
		return records.create(SYSTEM, new EntityRecord("businessunit").set("name", "Unit " + UUID.randomUUID())
			.set("parentbusinessunitid", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
	}

	@Test
	void sharingAnAccountSharesItsContactsAndRevokingTakesBothBack() {
		Principal owner = salesperson(unit());
		Principal colleague = salesperson(unit());
		UUID account = records.create(owner, new EntityRecord("account").set("name", "Shared Holdings"));
		UUID contact = records.create(owner, new EntityRecord("contact").set("lastname", "Child")
			.set("parentcustomerid", new RecordRef("account", account)));
		assertThat(queries.retrieve(colleague, "contact", contact, List.of())).isEmpty();

		sharing.grant(owner, new RecordRef("account", account), new RecordRef("systemuser", colleague.userId()),
				Set.of(AccessRight.Read, AccessRight.Write));
		assertThat(queries.retrieve(colleague, "account", account, List.of())).isPresent();
		assertThat(queries.retrieve(colleague, "contact", contact, List.of())).as("cascaded through contact_customer_accounts").isPresent();
		records.update(colleague, new EntityRecord("contact", contact).set("jobtitle", "Buyer"));
		assertThatThrownBy(() -> records.delete(colleague, new RecordRef("contact", contact))).isInstanceOf(RapportException.class);

		sharing.modify(owner, new RecordRef("account", account), new RecordRef("systemuser", colleague.userId()), Set.of(AccessRight.Read));
		assertThatThrownBy(() -> records.update(colleague, new EntityRecord("account", account).set("telephone1", "1")))
			.isInstanceOf(RapportException.class);

		List<Sharing.Access> access = sharing.whoHasAccess(owner, new RecordRef("account", account));
		assertThat(access).anySatisfy(a -> {
			assertThat(a.userId()).isEqualTo(colleague.userId());
			assertThat(a.rights()).containsExactly(AccessRight.Read);
			assertThat(a.reasons()).anySatisfy(r -> assertThat(r).contains("shared directly"));
		});
		assertThat(access).anySatisfy(a -> {
			assertThat(a.userId()).isEqualTo(owner.userId());
			assertThat(a.reasons()).contains("owner");
		});

		sharing.revoke(owner, new RecordRef("account", account), new RecordRef("systemuser", colleague.userId()));
		assertThat(queries.retrieve(colleague, "account", account, List.of())).isEmpty();
		assertThat(queries.retrieve(colleague, "contact", contact, List.of())).isEmpty();
		assertThat(audit.forRecord(SYSTEM, new RecordRef("account", account))).extracting(AuditEntry::action)
			.contains("GrantAccess", "ModifyAccess", "RevokeAccess");
	}

	@Test
	void assigningAnAccountAssignsItsContactsToTheNewOwnerAndTheirBusinessUnit() {
		UUID otherUnit = unit();
		Principal owner = salesperson(Principal.ROOT_BUSINESS_UNIT_ID);
		Principal newOwner = salesperson(otherUnit);
		UUID account = records.create(owner, new EntityRecord("account").set("name", "Moving Co"));
		UUID contact = records.create(owner, new EntityRecord("contact").set("lastname", "Mover")
			.set("parentcustomerid", new RecordRef("account", account)));
		records.assign(owner, new RecordRef("account", account), new RecordRef("systemuser", newOwner.userId()));
		EntityRecord movedContact = records.retrieve(SYSTEM, "contact", contact, "ownerid", "owningbusinessunit");
		assertThat(movedContact.get("ownerid")).isEqualTo(new RecordRef("systemuser", newOwner.userId()));
		assertThat(movedContact.get("owningbusinessunit")).isEqualTo(new RecordRef("businessunit", otherUnit));
		assertThat(queries.retrieve(owner, "account", account, List.of())).as("the old owner's business unit no longer owns it").isEmpty();
		assertThat(audit.forRecord(SYSTEM, new RecordRef("account", account))).extracting(AuditEntry::action).contains("Assign");
		assertThatThrownBy(() -> records.assign(owner, new RecordRef("account", account), new RecordRef("systemuser", owner.userId())))
			.as("a record you cannot assign cannot be assigned to yourself").isInstanceOf(RapportException.class);
	}

	@Test
	void onlyASystemAdministratorCustomizesEvenWhenCallingTheEngineDirectly() {
		Principal plain = salesperson(Principal.ROOT_BUSINESS_UNIT_ID);
		String field = "new_denied" + UUID.randomUUID().toString().substring(0, 6);
		byte[] json = ("{\"name\":\"" + field + "\",\"type\":\"String\",\"maxLength\":20}").getBytes();
		assertThatThrownBy(() -> customizations.addAttribute("contact", DefinitionJson.attribute("test", json), plain))
			.isInstanceOf(RapportException.class).satisfies(e -> assertThat(((RapportException) e).status()).isEqualTo(403));
		assertThat(metadata.entity("contact").attribute(field)).as("nothing was added").isEmpty();
		customizations.addAttribute("contact", DefinitionJson.attribute("test", json), SYSTEM);
		assertThat(metadata.entity("contact").attribute(field)).isPresent();
	}

	@Test
	void aSecuredFieldIsAbsentForUsersWithoutAProfileAndCannotBeInferredThroughFiltersOrSorts() {
		String field = "new_salary" + UUID.randomUUID().toString().substring(0, 6);
		customizations.addAttribute("contact", DefinitionJson.attribute("test",
				("{\"name\":\"" + field + "\",\"type\":\"Money\",\"secured\":true}").getBytes()), SYSTEM);
		Principal plain = salesperson(Principal.ROOT_BUSINESS_UNIT_ID);
		Principal trusted = salesperson(Principal.ROOT_BUSINESS_UNIT_ID);
		UUID profile = records.create(SYSTEM, new EntityRecord("fieldsecurityprofile").set("name", "Payroll " + field));
		records.create(SYSTEM, new EntityRecord("fieldpermission").set("fieldsecurityprofileid", new RecordRef("fieldsecurityprofile", profile))
			.set("entityname", "contact").set("attributelogicalname", field).set("canread", 4).set("cancreate", 4).set("canupdate", 4));
		records.associate(SYSTEM, new RecordRef("fieldsecurityprofile", profile), "systemuserprofiles_association",
				List.of(new RecordRef("systemuser", trusted.userId())));

		assertThatThrownBy(() -> records.create(plain, new EntityRecord("contact").set("lastname", "Paid").set(field, 1000)))
			.isInstanceOf(RapportException.class).hasMessageContaining(field);
		UUID contact = records.create(trusted, new EntityRecord("contact").set("lastname", "Paid").set(field, 90000));
		records.assign(trusted, new RecordRef("contact", contact), new RecordRef("systemuser", plain.userId()));

		EntityRecord seenByPlain = records.retrieve(plain, "contact", contact);
		assertThat(seenByPlain.has(field)).isFalse();
		assertThat(records.retrieve(trusted, "contact", contact).get(field)).isNotNull();
		assertThatThrownBy(() -> queries.execute(plain, Query.of("contact").where(Criterion.where(field, Operator.Gt, 50000))))
			.isInstanceOf(RapportException.class).satisfies(e -> assertThat(((RapportException) e).status()).isEqualTo(403));
		assertThatThrownBy(() -> queries.execute(plain, Query.of("contact").orderBy(Order.desc(field))))
			.isInstanceOf(RapportException.class);
		assertThatThrownBy(() -> records.update(plain, new EntityRecord("contact", contact).set(field, 1)))
			.isInstanceOf(RapportException.class);
		records.update(plain, new EntityRecord("contact", contact).set("jobtitle", "Still editable"));

		Api admin = Api.admin(port);
		Map<String, Object> viaApi = admin.get("/api/data/v9.2/contacts(" + contact + ")").json();
		assertThat(viaApi).as("the System Administrator sees every field").containsKey(field);
	}
}
