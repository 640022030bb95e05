package io.rapport.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.rapport.audit.AuditEntry.AttributeChange;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.test.RapportTest;

@RapportTest
class AuditHistoryIntegrationTest {

	private static final Principal ADMIN = Principal.user(UUID.fromString("00000000-0000-0000-0000-000000000002"),
			Principal.ROOT_BUSINESS_UNIT_ID);

	@Autowired
	Records records;

	@Autowired
	AuditHistory history;

	@Test
	void everyChangeIsRecordedWithWhoWhenAndOldAndNewValues() {
		UUID id = records.create(ADMIN, new EntityRecord("contact").set("firstname", "Grace").set("lastname", "Hopper")
			.set("jobtitle", "Rear Admiral"));
		RecordRef ref = new RecordRef("contact", id);
		records.update(ADMIN, new EntityRecord("contact", id).set("jobtitle", "Computer Scientist"));
		records.update(ADMIN, new EntityRecord("contact", id).set("jobtitle", "Computer Scientist"));
		records.setState(ADMIN, ref, 1, null);

		List<AuditEntry> entries = history.forRecord(ADMIN, ref);
		assertThat(entries).extracting(AuditEntry::action).containsExactly("SetState", "Update", "Create");
		assertThat(entries).allSatisfy(e -> assertThat(e.userId()).isEqualTo(ADMIN.userId()));
		assertThat(entries.get(2).changes()).contains(new AttributeChange("lastname", null, "Hopper"),
				new AttributeChange("fullname", null, "Grace Hopper"));
		assertThat(entries.get(1).changes()).containsExactly(new AttributeChange("jobtitle", "Rear Admiral", "Computer Scientist"));
		assertThat(entries.get(0).changes()).contains(new AttributeChange("statecode", "0", "1"),
				new AttributeChange("statuscode", "1", "2"));
	}

	@Test
	void historyOfOneAttributeShowsOnlyItsChanges() {
		UUID id = records.create(ADMIN, new EntityRecord("account").set("name", "Audited Inc").set("telephone1", "1"));
		records.update(ADMIN, new EntityRecord("account", id).set("telephone1", "2"));
		records.update(ADMIN, new EntityRecord("account", id).set("name", "Audited Incorporated"));

		List<AuditEntry> phone = history.forAttribute(ADMIN, new RecordRef("account", id), "telephone1");
		assertThat(phone).hasSize(2);
		assertThat(phone).allSatisfy(e -> assertThat(e.changes()).extracting(AttributeChange::attribute).containsOnly("telephone1"));
		assertThat(phone.get(0).changes().get(0)).isEqualTo(new AttributeChange("telephone1", "1", "2"));
		assertThatThrownBy(() -> history.forAttribute(ADMIN, new RecordRef("account", id), "nosuchattribute"))
			.isInstanceOf(RapportException.class)
			.hasMessageContaining("nosuchattribute");
	}

	@Autowired
	org.jooq.DSLContext dsl;

	/** Entries written before changedata existed keep one detail row per attribute; the history reads both kinds. */
	@Test
	void entriesWithDetailRowsFromBeforeChangedataAreStillRead() {
		UUID id = records.create(ADMIN, new EntityRecord("account").set("name", "Old Books Ltd").set("telephone1", "1"));
		UUID legacy = UUID.randomUUID();
		dsl.execute("insert into rapport_audit (auditid, entity, recordid, action, userid, createdon) values (?, 'account', ?,"
				+ " 'Update', ?, current_timestamp)", legacy, id, ADMIN.userId());
		dsl.execute("insert into rapport_audit_detail (auditid, attribute, oldvalue, newvalue) values (?, 'telephone1', '0', '1'),"
				+ " (?, 'websiteurl', null, 'https://old.example')", legacy, legacy);
		records.update(ADMIN, new EntityRecord("account", id).set("telephone1", "2"));

		List<AuditEntry> all = history.forRecord(ADMIN, new RecordRef("account", id));
		assertThat(all).extracting(AuditEntry::action).containsExactly("Update", "Update", "Create");
		assertThat(all.get(1).changes()).containsExactly(new AttributeChange("telephone1", "0", "1"),
				new AttributeChange("websiteurl", null, "https://old.example"));
		List<AuditEntry> phone = history.forAttribute(ADMIN, new RecordRef("account", id), "telephone1");
		assertThat(phone).extracting(e -> e.changes().get(0)).containsExactly(new AttributeChange("telephone1", "1", "2"),
				new AttributeChange("telephone1", "0", "1"), new AttributeChange("telephone1", null, "1"));
		assertThat(history.forAttribute(ADMIN, new RecordRef("account", id), "websiteurl")).hasSize(1);
	}

	@Test
	void aFailedChangeLeavesNoAuditEntry() {
		UUID id = records.create(ADMIN, new EntityRecord("account").set("name", "Strict Ltd"));
		assertThatThrownBy(() -> records.update(ADMIN, new EntityRecord("account", id).set("numberofemployees", -5)))
			.isInstanceOf(RapportException.class);
		assertThat(history.forRecord(ADMIN, new RecordRef("account", id))).extracting(AuditEntry::action).containsExactly("Create");
	}

	@Test
	void deletionIsRecordedWithTheValuesTheRecordHad() {
		UUID id = records.create(ADMIN, new EntityRecord("account").set("name", "Gone Ltd"));
		records.delete(ADMIN, new RecordRef("account", id));
		List<AuditEntry> entries = history.forRecord(Principal.systemPrincipal(), new RecordRef("account", id));
		assertThat(entries.get(0).action()).isEqualTo("Delete");
		assertThat(entries.get(0).changes()).contains(new AttributeChange("name", "Gone Ltd", null));
		assertThatThrownBy(() -> history.forRecord(ADMIN, new RecordRef("account", id))).isInstanceOf(RapportException.class);
	}
}
