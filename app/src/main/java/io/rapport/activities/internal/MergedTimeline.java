package io.rapport.activities.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.activities.ActivityType;
import io.rapport.activities.Timeline;
import io.rapport.activities.TimelineEntry;
import io.rapport.activities.TimelineFilter;
import io.rapport.activities.TimelinePage;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.LinkEntity;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * The timeline as one query per source — each kind of activity regarding the record, each kind regarding its rolled-up
 * children, its notes — all in the same order (createdon descending, id descending) after the same cursor and limited
 * to one page, merged in memory. Each query runs through the query model as the principal, so its access predicate
 * leaves out what they may not read before the page is cut.
 */
@Component
class MergedTimeline implements Timeline {

	/** Dynamics shows on an account's timeline the activities regarding its contacts as well. */
	private static final Map<String, Rollup> ROLLUPS = Map.of("account", new Rollup("contact", "parentcustomerid"));

	private static final String ACTIVITY_LOOKUP = "regardingobjectid";
	private static final String NOTE_LOOKUP = "objectid";
	private static final List<String> ACTIVITY_COLUMNS = List.of("subject", "description", "statecode", "statuscode",
			ACTIVITY_LOOKUP, "ownerid", "createdon", "modifiedon", "scheduledend", "completedon");
	private static final List<String> NOTE_COLUMNS = List.of("subject", "notetext", NOTE_LOOKUP, "ownerid", "createdon",
			"modifiedon", "filename");

	/** Newest first, then by id descending as the databases order UUIDs (unsigned, byte by byte). */
	static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::createdOn)
		.thenComparing(e -> e.record().id(), MergedTimeline::compareIds)
		.reversed();

	/** Child records whose activities show on the parent's timeline. */
	record Rollup(String childEntity, String parentLookup) {
	}

	/** One query of the timeline: the rows of one entity pointing at the record, or at its rolled-up children. */
	record Source(EntityDefinition entity, String lookup, Rollup rollup) {

		boolean notes() {
			return lookup.equals(NOTE_LOOKUP);
		}
	}

	private final Metadata metadata;
	private final Queries queries;

	MergedTimeline(Metadata metadata, Queries queries) {
		this.metadata = metadata;
		this.queries = queries;
	}

	@Override
	public TimelinePage of(Principal principal, RecordRef record, TimelineFilter filter, String cursor, int pageSize) {
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw RapportException.invalid("pageSize", "must be between 1 and " + MAX_PAGE_SIZE + "; it was " + pageSize);
		}
		TimelineCursor after = cursor == null || cursor.isBlank() ? null : TimelineCursor.decode(cursor);
		List<Planned> plan = plan(record, filter, after, pageSize);
		if (queries.retrieve(principal, record.entity(), record.id(), List.of("versionnumber")).isEmpty()) {
			throw RapportException.notFound(record.entity(), record.id());
		}
		List<TimelineEntry> rows = new ArrayList<>();
		boolean more = false;
		for (Planned planned : plan) {
			RecordPage page = queries.execute(principal, planned.query());
			page.records().forEach(r -> rows.add(entry(planned.source(), r)));
			more |= page.moreRecords();
		}
		rows.sort(NEWEST_FIRST);
		more |= rows.size() > pageSize;
		List<TimelineEntry> entries = List.copyOf(rows.subList(0, Math.min(pageSize, rows.size())));
		TimelineEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
		String next = more && last != null ? new TimelineCursor(last.createdOn(), last.record().id()).encode() : null;
		return new TimelinePage(entries, next);
	}

	/** One query of a timeline page and the source it reads. */
	record Planned(Source source, Query query) {
	}

	/** The queries of one timeline page, one per source, each in the timeline's order and limited to the page. */
	List<Planned> plan(RecordRef record, TimelineFilter filter, TimelineCursor after, int pageSize) {
		return sources(record.entity(), filter).stream()
			.map(source -> new Planned(source, query(source, record, filter, after, pageSize)))
			.toList();
	}

	private List<Source> sources(String entity, TimelineFilter filter) {
		metadata.entity(entity);
		List<Source> sources = new ArrayList<>();
		boolean hasTimeline = false;
		Rollup rollup = ROLLUPS.get(entity);
		for (ActivityType type : ActivityType.values()) {
			EntityDefinition activity = metadata.entity(type.logicalName());
			List<String> targets = targets(activity, ACTIVITY_LOOKUP);
			hasTimeline |= targets.contains(entity);
			if (!filter.activityTypes().contains(type)) {
				continue;
			}
			if (targets.contains(entity)) {
				sources.add(new Source(activity, ACTIVITY_LOOKUP, null));
			}
			if (rollup != null && targets.contains(rollup.childEntity())) {
				sources.add(new Source(activity, ACTIVITY_LOOKUP, rollup));
			}
		}
		EntityDefinition notes = metadata.entity("annotation");
		boolean annotated = targets(notes, NOTE_LOOKUP).contains(entity);
		if (filter.notes() && annotated) {
			sources.add(new Source(notes, NOTE_LOOKUP, null));
		}
		if (!hasTimeline && !annotated) {
			throw RapportException.invalid("entity", entity + " records have no timeline");
		}
		return sources;
	}

	private static List<String> targets(EntityDefinition entity, String lookup) {
		return entity.attribute(lookup).map(AttributeDefinition::targets).orElse(List.of());
	}

	private Query query(Source source, RecordRef record, TimelineFilter filter, TimelineCursor after, int pageSize) {
		EntityDefinition entity = source.entity();
		Query query = Query.of(entity.logicalName())
			.select(source.notes() ? NOTE_COLUMNS : ACTIVITY_COLUMNS)
			.orderBy(Order.desc("createdon"))
			.page(pageSize);
		if (source.rollup() == null) {
			query = query.where(Criterion.where(source.lookup(), Operator.Eq, record.id()));
		} else {
			Rollup rollup = source.rollup();
			query = query.link(new LinkEntity(rollup.childEntity(), source.lookup(),
					metadata.entity(rollup.childEntity()).primaryIdAttribute(), false, "rolledup", List.of(),
					Criterion.where(rollup.parentLookup(), Operator.Eq, record.id())));
		}
		if (!source.notes() && !filter.states().isEmpty()) {
			Object[] states = filter.states().stream().flatMap(s -> s.statecodes().stream()).sorted().toArray();
			query = query.where(Criterion.where("statecode", Operator.In, states));
		}
		if (after != null) {
			query = query.where(after.after(entity.primaryIdAttribute()));
		}
		return query;
	}

	private static TimelineEntry entry(Source source, EntityRecord r) {
		OffsetDateTime created = r.get("createdon", OffsetDateTime.class);
		OffsetDateTime modified = r.get("modifiedon", OffsetDateTime.class);
		RecordRef owner = r.get("ownerid", RecordRef.class);
		if (source.notes()) {
			return new TimelineEntry(r.ref(), r.getString("subject"), preview(r.getString("notetext")), null, null,
					r.get(NOTE_LOOKUP, RecordRef.class), owner, created, modified, null, null, r.getString("filename"));
		}
		return new TimelineEntry(r.ref(), r.getString("subject"), preview(r.getString("description")),
				r.get("statecode", Integer.class), r.get("statuscode", Integer.class), r.get(ACTIVITY_LOOKUP, RecordRef.class),
				owner, created, modified, r.get("scheduledend", OffsetDateTime.class), r.get("completedon", OffsetDateTime.class),
				null);
	}

	private static String preview(String text) {
		return text == null || text.length() <= TimelineEntry.PREVIEW_LENGTH ? text
				: text.substring(0, TimelineEntry.PREVIEW_LENGTH);
	}

	static int compareIds(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}
}
