package io.rapport.customers.internal;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Customizations;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * At the first start (when there is no duplicate rule at all), publishes Dataverse's default rules for accounts and
 * contacts, through the record pipeline as the platform. Blank values are ignored by all of them: a contact without an
 * e-mail address, a first name or a city is not compared by the rule that needs it. At every start, makes sure each
 * published rule's index exists.
 */
@Component
@Order(20)
class DefaultDuplicateRules implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DefaultDuplicateRules.class);

	record Condition(String attribute, MatchOperator operator, boolean ignoreBlank) {
	}

	record Rule(UUID id, String name, String entity, List<Condition> conditions) {
	}

	static final Rule ACCOUNT_NAME = new Rule(UUID.fromString("00000000-0000-0000-0000-0000000000d1"),
			"Accounts with the same account name", "account", List.of(new Condition("name", MatchOperator.ExactMatch, true)));
	static final Rule CONTACT_EMAIL = new Rule(UUID.fromString("00000000-0000-0000-0000-0000000000d2"),
			"Contacts with the same e-mail address", "contact",
			List.of(new Condition("emailaddress1", MatchOperator.ExactMatch, true)));
	static final Rule CONTACT_NAME_CITY = new Rule(UUID.fromString("00000000-0000-0000-0000-0000000000d3"),
			"Contacts with the same first name, last name and city", "contact",
			List.of(new Condition("firstname", MatchOperator.ExactMatch, true),
					new Condition("lastname", MatchOperator.ExactMatch, true),
					new Condition("address1_city", MatchOperator.ExactMatch, true)));

	private final Records records;
	private final Queries queries;
	private final PublishedRules published;
	private final Customizations customizations;
	private final TransactionTemplate tx;

	DefaultDuplicateRules(Records records, Queries queries, PublishedRules published, Customizations customizations,
			TransactionTemplate tx) {
		this.records = records;
		this.queries = queries;
		this.published = published;
		this.customizations = customizations;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		Principal system = Principal.systemPrincipal();
		tx.executeWithoutResult(s -> {
			if (queries.count(system, Query.of(DuplicateRuleDefinition.RULE)) == 0) {
				List.of(ACCOUNT_NAME, CONTACT_EMAIL, CONTACT_NAME_CITY).forEach(rule -> publish(system, rule));
				log.info("Published the default duplicate detection rules for accounts and contacts");
			}
		});
		for (DuplicateRule rule : published.all()) {
			tx.executeWithoutResult(s -> customizations.indexForLookups(rule.matching().logicalName(), rule.indexedAttributes()));
		}
	}

	private void publish(Principal system, Rule rule) {
		records.create(system, new EntityRecord(DuplicateRuleDefinition.RULE, rule.id())
			.set("name", rule.name())
			.set("baseentityname", rule.entity())
			.set("matchingentityname", rule.entity())
			.set("excludeinactiverecords", true));
		for (Condition c : rule.conditions()) {
			records.create(system, new EntityRecord(DuplicateRuleDefinition.CONDITION)
				.set("regardingobjectid", new RecordRef(DuplicateRuleDefinition.RULE, rule.id()))
				.set("baseattributename", c.attribute())
				.set("matchingattributename", c.attribute())
				.set("operatorcode", c.operator().code())
				.set("ignoreblankvalues", c.ignoreBlank()));
		}
		records.setState(system, new RecordRef(DuplicateRuleDefinition.RULE, rule.id()), DuplicateRuleDefinition.PUBLISHED,
				DuplicateRuleDefinition.PUBLISHED_STATUS);
	}
}
