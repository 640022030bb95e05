package io.rapport.customers.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetection;
import io.rapport.data.Records;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import net.datafaker.Faker;

/**
 * At the first start of a new organization (and unless RAPPORT_DEMO_DATA=false), creates demo accounts with their
 * contacts through the record pipeline, so a first look at Rapport has something realistic to show.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final UUID ADMIN = UUID.fromString("00000000-0000-0000-0000-000000000002");

	private final Records records;
	private final Queries queries;
	private final DuplicateDetection detection;
	private final TransactionTemplate tx;
	private final boolean enabled;
	private final int accounts;

	DemoData(Records records, Queries queries, DuplicateDetection detection, TransactionTemplate tx,
			@Value("${rapport.demo-data:true}") boolean enabled, @Value("${rapport.demo-accounts:50}") int accounts) {
		this.records = records;
		this.queries = queries;
		this.detection = detection;
		this.tx = tx;
		this.enabled = enabled;
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled || queries.count(Principal.systemPrincipal(), Query.of("account")) > 0) {
			return;
		}
		Principal admin = Principal.user(ADMIN, Principal.ROOT_BUSINESS_UNIT_ID);
		Faker faker = new Faker(Locale.ENGLISH, new Random(42));
		int[] contacts = { 0 };
		// Made-up people may share a name and city by chance; demo data is not checked for duplicates.
		detection.suppressed(() -> tx.execute(s -> {
			List<UUID> created = new ArrayList<>();
			for (int i = 0; i < accounts; i++) {
				String company = faker.company().name();
				String domain = company.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "") + ".example.com";
				EntityRecord account = new EntityRecord("account")
					.set("name", company)
					.set("accountnumber", String.format("A-%05d", i + 1))
					.set("telephone1", faker.phoneNumber().phoneNumber())
					.set("emailaddress1", "info@" + domain)
					.set("websiteurl", "https://www." + domain)
					.set("industrycode", 1 + faker.random().nextInt(33))
					.set("revenue", BigDecimal.valueOf(faker.random().nextInt(1_000, 50_000) * 1000L))
					.set("numberofemployees", faker.random().nextInt(5, 5000))
					.set("address1_line1", faker.address().streetAddress())
					.set("address1_city", faker.address().city())
					.set("address1_postalcode", faker.address().zipCode())
					.set("address1_country", faker.address().country());
				if (!created.isEmpty() && i % 7 == 0) {
					account.set("parentaccountid", new RecordRef("account", created.get(faker.random().nextInt(created.size()))));
				}
				UUID accountId = records.create(admin, account);
				created.add(accountId);
				int people = 1 + faker.random().nextInt(5);
				UUID primary = null;
				for (int c = 0; c < people; c++) {
					String first = faker.name().firstName();
					String last = faker.name().lastName();
					UUID contactId = records.create(admin, new EntityRecord("contact")
						.set("firstname", first)
						.set("lastname", last)
						.set("jobtitle", faker.job().title())
						.set("emailaddress1", (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@" + domain)
						.set("telephone1", faker.phoneNumber().phoneNumber())
						.set("address1_city", account.get("address1_city"))
						.set("address1_country", account.get("address1_country"))
						.set("parentcustomerid", new RecordRef("account", accountId)));
					primary = primary == null ? contactId : primary;
					contacts[0]++;
				}
				records.update(admin, new EntityRecord("account", accountId).set("primarycontactid", new RecordRef("contact", primary)));
			}
			return created;
		}));
		log.info("Created demo data: {} accounts and {} contacts", accounts, contacts[0]);
	}
}
