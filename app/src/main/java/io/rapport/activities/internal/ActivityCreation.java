package io.rapport.activities.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.activities.Activities;
import io.rapport.activities.ActivityParty;
import io.rapport.activities.ActivityType;
import io.rapport.activities.Participation;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RapportException.AttributeError;
import io.rapport.core.RecordRef;
import io.rapport.data.Records;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/** Creates an activity and its parties through the record pipeline in one transaction; reads the parties back. */
@Component
class ActivityCreation implements Activities {

	/** How the attributes of a party row are called in a request that creates an activity with its parties. */
	private static final Map<String, String> PARTY_FIELDS = Map.of("participationtypemask", "participation", "partyid",
			"party", "addressused", "address");

	private final Records records;
	private final Queries queries;
	private final Metadata metadata;
	private final TransactionTemplate tx;

	ActivityCreation(Records records, Queries queries, Metadata metadata, TransactionTemplate tx) {
		this.records = records;
		this.queries = queries;
		this.metadata = metadata;
		this.tx = tx;
	}

	@Override
	public UUID create(Principal principal, EntityRecord activity, List<ActivityParty> parties) {
		ActivityType type = ActivityType.of("type", activity.entity());
		String plural = metadata.entity(type.logicalName()).displayCollectionName().toLowerCase();
		List<AttributeError> refused = new ArrayList<>();
		for (int i = 0; i < parties.size(); i++) {
			ActivityParty party = parties.get(i);
			if (party.participation() == null) {
				refused.add(new AttributeError("parties[" + i + "].participation", "is required"));
			} else if (!type.allows(party.participation())) {
				refused.add(new AttributeError("parties[" + i + "].participation", type.refusal(party.participation(), plural)));
			}
			if (party.party() == null && (party.addressUsed() == null || party.addressUsed().isBlank())) {
				refused.add(new AttributeError("parties[" + i + "].party", "name the party or the address used"));
			}
		}
		if (!refused.isEmpty()) {
			throw RapportException.invalid(refused);
		}
		return tx.execute(status -> {
			UUID id = records.create(principal, activity);
			for (int i = 0; i < parties.size(); i++) {
				createParty(principal, new RecordRef(type.logicalName(), id), parties.get(i), i);
			}
			return id;
		});
	}

	private void createParty(Principal principal, RecordRef activity, ActivityParty party, int index) {
		EntityRecord row = new EntityRecord("activityparty").set("activityid", activity)
			.set("participationtypemask", party.participation().value())
			.set("partyid", party.party())
			.set("addressused", party.addressUsed());
		try {
			records.create(principal, row);
		} catch (RapportException e) {
			throw inRequest(e, index);
		}
	}

	/** Names the failing party's fields as the request did ({@code parties[1].party}), keeping status and code. */
	private static RapportException inRequest(RapportException e, int index) {
		if (e.errors().isEmpty()) {
			return e;
		}
		List<AttributeError> errors = e.errors().stream()
			.map(a -> new AttributeError("parties[" + index + "]." + PARTY_FIELDS.getOrDefault(a.attribute(), a.attribute()),
					a.message()))
			.toList();
		String message = errors.size() == 1 ? errors.get(0).attribute() + ": " + errors.get(0).message() : e.getMessage();
		return new RapportException(e.status(), e.code(), message, errors);
	}

	@Override
	public List<ActivityParty> parties(Principal principal, RecordRef activity) {
		ActivityType.of("type", activity.entity());
		if (queries.retrieve(principal, activity.entity(), activity.id(), List.of("versionnumber")).isEmpty()) {
			throw RapportException.notFound(activity.entity(), activity.id());
		}
		List<ActivityParty> parties = new ArrayList<>();
		Query query = Query.of("activityparty").select("participationtypemask", "partyid", "addressused")
			.where(Criterion.where("activityid", Operator.Eq, activity.id()))
			.orderBy(Order.asc("createdon"))
			.page(Query.MAX_PAGE_SIZE);
		RecordPage page;
		do {
			page = queries.execute(principal, query);
			for (EntityRecord row : page.records()) {
				parties.add(new ActivityParty(row.id(),
						Participation.of(row.get("participationtypemask", Integer.class)).orElseThrow(),
						row.get("partyid", RecordRef.class), row.getString("addressused")));
			}
			query = query.after(page.nextCursor());
		} while (page.moreRecords());
		parties.sort(Comparator.comparingInt(p -> p.participation().value()));
		return parties;
	}
}
