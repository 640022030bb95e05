package io.rapport.activities;

import io.rapport.core.Principal;
import io.rapport.core.RecordRef;

/**
 * The timeline of a record: the activities regarding it and the notes attached to it — for an account also the
 * activities regarding its contacts, as Dynamics shows them — newest first by {@code createdon} (then id), paged by a
 * keyset cursor. Every row is read through the query model with the principal's access predicate, so a row the
 * principal may not read neither appears nor shows in the paging.
 */
public interface Timeline {

	int DEFAULT_PAGE_SIZE = 25;
	int MAX_PAGE_SIZE = 250;

	/**
	 * One page of the record's timeline.
	 *
	 * @param cursor   the {@code nextCursor} of the previous page, or null for the first page
	 * @param pageSize 1 to {@link #MAX_PAGE_SIZE}
	 */
	TimelinePage of(Principal principal, RecordRef record, TimelineFilter filter, String cursor, int pageSize);
}
