package io.rapport.query;

import java.util.List;

import io.rapport.core.EntityRecord;

/**
 * One page of query results.
 *
 * @param nextCursor  pass to {@link Query#after} for the next page; null on the last page
 * @param totalCount  the number of matching rows when counted: exact, or the cap when {@code countCapped}
 */
public record RecordPage(List<EntityRecord> records, String nextCursor, Long totalCount, boolean countCapped) {

	public boolean moreRecords() {
		return nextCursor != null;
	}
}
