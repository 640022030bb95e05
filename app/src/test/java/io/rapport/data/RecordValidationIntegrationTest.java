package io.rapport.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.test.RapportTest;

/** Each refused write names the attribute at fault and leaves the database as it was. */
@RapportTest
class RecordValidationIntegrationTest {

	static final Principal SYSTEM = Principal.systemPrincipal();

	@Autowired
	Records records;

	@Autowired
	Queries queries;

	/** Every account a test tries to create carries this marker, so the test can tell that none was written. */
	final String batch = "validation-" + UUID.randomUUID();

	@Test
	void aValueOfTheWrongTypeIsRefused() {
		assertCreateRefused("numberofemployees", a -> a.set("numberofemployees", "many"));
		assertCreateRefused("revenue", a -> a.set("revenue", true));
		assertCreateRefused("donotemail", a -> a.set("donotemail", "perhaps"));
		assertCreateRefused("name", a -> a.set("name", 42));
		assertCreateRefused("parentaccountid", a -> a.set("parentaccountid", "not-a-guid"));
	}

	@Test
	void requiredAttributesMustHaveAValue() {
		assertCreateRefused("name", a -> a.remove("name"));
		assertCreateRefused("name", a -> a.set("name", null));
		assertCreateRefused("name", a -> a.set("name", "   "));
		RapportException noLastname = catchThrowableOfType(RapportException.class,
				() -> records.create(SYSTEM, new EntityRecord("contact").set("firstname", "Only").set("department", batch)));
		assertNamed(noLastname, "lastname");
		assertThat(contactsOfBatch()).isZero();

		UUID id = account("Named");
		assertUpdateRefused(id, "name", a -> a.set("name", null));
		assertUpdateRefused(id, "name", a -> a.set("name", ""));
		records.update(SYSTEM, new EntityRecord("account", id).set("telephone1", "12345"));
		assertThat(records.retrieve(SYSTEM, "account", id).get("name")).isEqualTo("Named");
	}

	@Test
	void textLongerThanItsMaximumIsRefused() {
		assertCreateRefused("name", a -> a.set("name", "x".repeat(161)));
		assertCreateRefused("accountnumber", a -> a.set("accountnumber", "1".repeat(21)));
		assertCreateRefused("description", a -> a.set("description", "d".repeat(2001)));
		UUID longest = records.create(SYSTEM, newAccount().set("name", "x".repeat(160)).set("description", "d".repeat(2000)));
		assertThat(records.retrieve(SYSTEM, "account", longest).getString("name")).hasSize(160);
	}

	@Test
	void numbersOutsideTheirRangeOrPrecisionAreRefused() {
		assertCreateRefused("revenue", a -> a.set("revenue", new BigDecimal("1.23456")));
		assertCreateRefused("revenue", a -> a.set("revenue", "12.345"));
		assertCreateRefused("revenue", a -> a.set("revenue", -1));
		assertCreateRefused("revenue", a -> a.set("revenue", new BigDecimal("100000000000000.01")));
		assertCreateRefused("numberofemployees", a -> a.set("numberofemployees", 2_147_483_648L));
		assertCreateRefused("numberofemployees", a -> a.set("numberofemployees", 1.5));
		assertCreateRefused("numberofemployees", a -> a.set("numberofemployees", -1));
		assertCreateRefused("numberofemployees", a -> a.set("numberofemployees", 1_000_000_001));
		UUID id = records.create(SYSTEM, newAccount().set("revenue", "99.990").set("numberofemployees", "1000000000"));
		assertThat(records.retrieve(SYSTEM, "account", id).get("revenue", BigDecimal.class)).isEqualByComparingTo("99.99");
	}

	@Test
	void aChoiceMustBeOneOfItsOptions() {
		assertCreateRefused("industrycode", a -> a.set("industrycode", 999));
		assertCreateRefused("industrycode", a -> a.set("industrycode", 0));
		assertCreateRefused("customertypecode", a -> a.set("customertypecode", "Competitor"));
	}

	@Test
	void anEmailAttributeMustHoldAnEmailAddress() {
		assertCreateRefused("emailaddress1", a -> a.set("emailaddress1", "not an email"));
		assertCreateRefused("emailaddress1", a -> a.set("emailaddress1", "two@@example.com"));
	}

	@Test
	void aLookupMustReferToAnExistingRecordOfATargetEntity() {
		UUID contact = records.create(SYSTEM, new EntityRecord("contact").set("lastname", "Some contact"));
		assertCreateRefused("parentaccountid", a -> a.set("parentaccountid", UUID.randomUUID()));
		assertCreateRefused("parentaccountid", a -> a.set("parentaccountid", new RecordRef("contact", contact)));
		assertCreateRefused("primarycontactid", a -> a.set("primarycontactid", new RecordRef("contact", UUID.randomUUID())));

		RapportException notACustomer = catchThrowableOfType(RapportException.class, () -> records.create(SYSTEM,
				new EntityRecord("contact").set("lastname", "x").set("department", batch)
					.set("parentcustomerid", new RecordRef("systemuser", Principal.SYSTEM_USER_ID))));
		assertNamed(notACustomer, "parentcustomerid");
		RapportException whichCustomer = catchThrowableOfType(RapportException.class, () -> records.create(SYSTEM,
				new EntityRecord("contact").set("lastname", "x").set("department", batch).set("parentcustomerid", contact)));
		assertNamed(whichCustomer, "parentcustomerid");
		assertThat(contactsOfBatch()).isZero();
	}

	@Test
	void anOwnerMustBeAnExistingUserOrTeam() {
		assertCreateRefused("ownerid", a -> a.set("ownerid", new RecordRef("systemuser", UUID.randomUUID())));
		UUID other = account("Not an owner");
		assertCreateRefused("ownerid", a -> a.set("ownerid", new RecordRef("account", other)));
	}

	@Test
	void anAlternateKeyValueMayBeUsedByOneRecordOnly() {
		String number = "AK" + UUID.randomUUID().toString().substring(0, 8);
		UUID first = records.create(SYSTEM, newAccount().set("accountnumber", number));

		RapportException duplicate = catchThrowableOfType(RapportException.class,
				() -> records.create(SYSTEM, newAccount().set("name", "Second").set("accountnumber", number)));
		assertThat(duplicate.status()).isIn(400, 409);
		assertThat(duplicate.errors()).extracting(RapportException.AttributeError::attribute).contains("accountnumber");
		assertThat(accountsOfBatch()).isEqualTo(1);

		UUID second = account("Second");
		RapportException duplicateByUpdate = catchThrowableOfType(RapportException.class,
				() -> records.update(SYSTEM, new EntityRecord("account", second).set("accountnumber", number)));
		assertThat(duplicateByUpdate.status()).isIn(400, 409);
		assertThat(duplicateByUpdate.errors()).extracting(RapportException.AttributeError::attribute).contains("accountnumber");
		assertThat(records.retrieve(SYSTEM, "account", second).get("accountnumber")).isNull();

		records.update(SYSTEM, new EntityRecord("account", first).set("accountnumber", number).set("name", "First again"));
		assertThat(records.retrieve(SYSTEM, "account", first).get("name")).isEqualTo("First again");
	}

	@Test
	void systemColumnsCannotBeSetByTheCaller() {
		assertCreateRefused("createdon", a -> a.set("createdon", OffsetDateTime.now()));
		assertCreateRefused("createdby", a -> a.set("createdby", new RecordRef("systemuser", Principal.SYSTEM_USER_ID)));
		assertCreateRefused("modifiedon", a -> a.set("modifiedon", OffsetDateTime.now()));
		assertCreateRefused("modifiedby", a -> a.set("modifiedby", new RecordRef("systemuser", Principal.SYSTEM_USER_ID)));
		assertCreateRefused("owningbusinessunit",
				a -> a.set("owningbusinessunit", new RecordRef("businessunit", Principal.ROOT_BUSINESS_UNIT_ID)));
		assertCreateRefused("nosuchattribute", a -> a.set("nosuchattribute", "x"));

		UUID id = account("System columns");
		assertUpdateRefused(id, "createdon", a -> a.set("createdon", OffsetDateTime.now()));
		assertUpdateRefused(id, "ownerid", a -> a.set("ownerid", new RecordRef("systemuser", UUID.fromString(
				"00000000-0000-0000-0000-000000000002"))));
		assertUpdateRefused(id, "statecode", a -> a.set("statecode", 1));
		assertUpdateRefused(id, "statuscode", a -> a.set("statuscode", 2));
	}

	@Test
	void stateAndStatusMustBelongTogether() {
		assertCreateRefused("statuscode", a -> a.set("statecode", 0).set("statuscode", 2));
		assertCreateRefused("statuscode", a -> a.set("statuscode", 2));
		assertCreateRefused("statecode", a -> a.set("statecode", 5));
		UUID inactive = records.create(SYSTEM, newAccount().set("statecode", 1));
		assertThat(records.retrieve(SYSTEM, "account", inactive).get("statuscode")).isEqualTo(2);

		UUID id = account("Stateful");
		RapportException wrongStatus = catchThrowableOfType(RapportException.class,
				() -> records.setState(SYSTEM, new RecordRef("account", id), 1, 1));
		RapportException noSuchState = catchThrowableOfType(RapportException.class,
				() -> records.setState(SYSTEM, new RecordRef("account", id), 7, null));
		RapportException noSuchStatus = catchThrowableOfType(RapportException.class,
				() -> records.setState(SYSTEM, new RecordRef("account", id), 0, 99));
		assertNamed(wrongStatus, "statuscode");
		assertNamed(noSuchState, "statecode");
		assertNamed(noSuchStatus, "statuscode");
		assertThat(records.retrieve(SYSTEM, "account", id).version()).isEqualTo(1);
	}

	@Test
	void everyFaultOfOneWriteIsNamedAtOnce() {
		RapportException wrongTypes = catchThrowableOfType(RapportException.class, () -> records.create(SYSTEM,
				newAccount().set("numberofemployees", "many").set("revenue", "lots")));
		RapportException wrongValues = catchThrowableOfType(RapportException.class, () -> records.create(SYSTEM,
				newAccount().set("name", null).set("industrycode", 999).set("revenue", -1)));

		assertThat(wrongTypes.status()).isEqualTo(400);
		assertThat(wrongTypes.errors()).extracting(RapportException.AttributeError::attribute)
			.containsExactlyInAnyOrder("numberofemployees", "revenue");
		assertThat(wrongValues.status()).isEqualTo(400);
		assertThat(wrongValues.errors()).extracting(RapportException.AttributeError::attribute)
			.containsExactlyInAnyOrder("name", "industrycode", "revenue");
		assertThat(accountsOfBatch()).isZero();
	}

	@Test
	void anAccountCannotBecomeItsOwnParentOrAncestor() {
		UUID top = account("Top");
		UUID middle = records.create(SYSTEM, newAccount().set("name", "Middle").set("parentaccountid", new RecordRef("account", top)));
		UUID bottom = records.create(SYSTEM, newAccount().set("name", "Bottom").set("parentaccountid", new RecordRef("account", middle)));

		assertUpdateRefused(top, "parentaccountid", a -> a.set("parentaccountid", new RecordRef("account", top)));
		assertUpdateRefused(top, "parentaccountid", a -> a.set("parentaccountid", new RecordRef("account", bottom)));
		assertUpdateRefused(middle, "parentaccountid", a -> a.set("parentaccountid", new RecordRef("account", bottom)));
		RapportException byAssociate = catchThrowableOfType(RapportException.class, () -> records.associate(SYSTEM,
				new RecordRef("account", bottom), "account_parent_account", List.of(new RecordRef("account", top))));
		assertNamed(byAssociate, "parentaccountid");
		assertThat(records.retrieve(SYSTEM, "account", top).get("parentaccountid")).isNull();

		records.update(SYSTEM, new EntityRecord("account", bottom).set("parentaccountid", new RecordRef("account", top)));
		assertThat(records.retrieve(SYSTEM, "account", bottom).get("parentaccountid")).isEqualTo(new RecordRef("account", top));
	}

	private EntityRecord newAccount() {
		return new EntityRecord("account").set("name", "Valid").set("address1_name", batch);
	}

	private UUID account(String name) {
		return records.create(SYSTEM, newAccount().set("name", name));
	}

	private void assertCreateRefused(String attribute, UnaryOperator<EntityRecord> change) {
		long before = accountsOfBatch();
		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> records.create(SYSTEM, change.apply(newAccount())));
		assertNamed(refused, attribute);
		assertThat(accountsOfBatch()).as("accounts written").isEqualTo(before);
	}

	private void assertUpdateRefused(UUID id, String attribute, UnaryOperator<EntityRecord> change) {
		EntityRecord before = records.retrieve(SYSTEM, "account", id);
		RapportException refused = catchThrowableOfType(RapportException.class,
				() -> records.update(SYSTEM, change.apply(new EntityRecord("account", id))));
		assertNamed(refused, attribute);
		assertThat(records.retrieve(SYSTEM, "account", id).values()).isEqualTo(before.values());
	}

	private static void assertNamed(RapportException refused, String attribute) {
		assertThat(refused).as("refusal naming " + attribute).isNotNull();
		assertThat(refused.status()).as(refused.getMessage()).isEqualTo(400);
		assertThat(refused.errors()).as(refused.getMessage()).extracting(RapportException.AttributeError::attribute)
			.contains(attribute);
		assertThat(refused.getMessage()).contains(attribute);
	}

	private long accountsOfBatch() {
		return queries.count(SYSTEM, Query.of("account").where(Criterion.where("address1_name", Operator.Eq, batch)));
	}

	private long contactsOfBatch() {
		return queries.count(SYSTEM, Query.of("contact").where(Criterion.where("department", Operator.Eq, batch)));
	}
}
