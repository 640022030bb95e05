package io.rapport.activities.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.rapport.core.RapportException;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;

/**
 * Where a timeline page ended: the creation time and id of its last row. The next page holds the rows after it in
 * the timeline's order (createdon descending, then id descending), whatever their entity.
 */
record TimelineCursor(OffsetDateTime createdOn, UUID id) {

	private static final String VERSION = "t1";

	String encode() {
		String text = VERSION + "|" + createdOn.withOffsetSameInstant(ZoneOffset.UTC) + "|" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static TimelineCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
			if (parts.length != 3 || !parts[0].equals(VERSION)) {
				throw new IllegalArgumentException("not a timeline cursor");
			}
			return new TimelineCursor(OffsetDateTime.parse(parts[1]), UUID.fromString(parts[2]));
		} catch (IllegalArgumentException | DateTimeParseException e) {
			throw new RapportException(400, "InvalidCursor", "cursor: is not a cursor of a timeline page; start again from the first page.",
					List.of(new RapportException.AttributeError("cursor", "not a cursor of a timeline page")));
		}
	}

	/**
	 * Rows after this one: {@code createdon < c or (createdon = c and id < i)}, with the redundant {@code createdon <= c}
	 * first so that an index on (lookup, createdon, id) is scanned from the cursor on.
	 */
	Criterion after(String idAttribute) {
		return Criterion.and(Criterion.where("createdon", Operator.Le, createdOn),
				Criterion.or(Criterion.where("createdon", Operator.Lt, createdOn),
						Criterion.and(Criterion.where("createdon", Operator.Eq, createdOn),
								Criterion.where(idAttribute, Operator.Lt, id))));
	}
}
