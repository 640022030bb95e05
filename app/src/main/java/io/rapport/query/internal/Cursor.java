package io.rapport.query.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import io.rapport.core.RapportException;
import io.rapport.query.Query;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque paging cursor: the sort values and id of the last row of a page (keyset), or an offset when the order
 * cannot be used as a keyset. Values travel as strings and are typed again from metadata.
 */
record Cursor(String kind, List<String> values, long offset, int fingerprint) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Cursor keyset(List<String> values, int fingerprint) {
		return new Cursor("k", values, 0, fingerprint);
	}

	static Cursor offset(long offset, int fingerprint) {
		return new Cursor("o", List.of(), offset, fingerprint);
	}

	/**
	 * Identifies the query a cursor belongs to. Built from the text of the query's parts, never from identity hash
	 * codes (an enum's differs from one JVM to the next), so any node accepts a cursor that another node handed out.
	 */
	static int fingerprint(Query query) {
		return Objects.hash(query.entity(), String.valueOf(query.filter()), String.valueOf(query.links()),
				String.valueOf(query.orders()), query.distinct());
	}

	String encode() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
	}

	static Cursor decode(String encoded, int fingerprint) {
		try {
			Cursor c = JSON.readValue(Base64.getUrlDecoder().decode(encoded), Cursor.class);
			if (c.fingerprint != fingerprint || c.kind == null) {
				throw new IllegalArgumentException("cursor of another query");
			}
			return new Cursor(c.kind, c.values == null ? new ArrayList<>() : c.values, c.offset, c.fingerprint);
		} catch (IllegalArgumentException | JacksonException e) {
			throw new RapportException(400, "InvalidCursor",
					"The paging cursor is not valid for this query; start again from the first page.");
		}
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
