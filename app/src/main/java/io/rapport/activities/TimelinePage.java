package io.rapport.activities;

import java.util.List;

/**
 * One page of a timeline, newest first.
 *
 * @param nextCursor pass it back for the next page; null on the last page
 */
public record TimelinePage(List<TimelineEntry> entries, String nextCursor) {
}
