package io.rapport.query.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.rapport.core.RapportException;
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
