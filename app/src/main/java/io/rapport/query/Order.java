package io.rapport.query;

/** One sort key. {@code alias} names a linked entity, null for the query's own entity. */
public record Order(String alias, String attribute, boolean descending) {

	public static Order asc(String attribute) {
		return new Order(null, attribute, false);
	}

	public static Order desc(String attribute) {
		return new Order(null, attribute, true);
	}
}
