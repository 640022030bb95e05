package io.rapport.activities;

import java.time.OffsetDateTime;

import io.rapport.core.RecordRef;

/**
 * One row of a timeline: an activity or a note.
 *
 * @param record      the activity or note ({@code record.entity()} says which kind)
 * @param text        the activity's description or the note's text, at most {@link #PREVIEW_LENGTH} characters
 * @param state       the activity's statecode and statuscode; null for notes
 * @param regarding   the record the activity is regarding or the note is attached to
 * @param due         the activity's scheduled end (due date); null for notes
 * @param completedOn when the activity was completed; null otherwise
 * @param fileName    the name of a note's attached file; null otherwise
 */
public record TimelineEntry(RecordRef record, String subject, String text, Integer state, Integer status,
		RecordRef regarding, RecordRef owner, OffsetDateTime createdOn, OffsetDateTime modifiedOn, OffsetDateTime due,
		OffsetDateTime completedOn, String fileName) {

	public static final int PREVIEW_LENGTH = 500;
}
