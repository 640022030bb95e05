package io.rapport.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.data.Records;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/** Contacts for bulk tests, created through the pipeline 500 to a transaction. */
final class TestContacts {

	private TestContacts() {
	}

	static List<UUID> create(Records records, PlatformTransactionManager transactions, Principal principal, String lastName,
			int count) {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		List<UUID> ids = new ArrayList<>();
		for (int from = 0; from < count; from += 500) {
			int first = from;
			int last = Math.min(count, from + 500);
			tx.executeWithoutResult(status -> {
				for (int i = first; i < last; i++) {
					ids.add(records.create(principal, new EntityRecord("contact").set("firstname", "Person " + i).set("lastname", lastName)));
				}
			});
		}
		return ids;
	}

	static long count(Queries queries, Principal principal, String lastName) {
		return queries.count(principal, Query.of("contact").where(Criterion.where("lastname", Operator.Eq, lastName)));
	}

	static java.util.Map<String, Object> lastNameIs(String lastName) {
		return java.util.Map.of("entity", "contact",
				"filter", java.util.Map.of("attribute", "lastname", "operator", "Eq", "values", List.of(lastName)));
	}
}
