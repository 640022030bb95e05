package io.rapport.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The one query model: what views, API filters, lookups, quick find, dynamic lists, bulk-job targets, exports and
 * charts all build. Immutable; use {@link #of(String)} and the {@code with…} methods.
 *
 * @param columns  attributes to return (empty: all)
 * @param pageSize rows per page (1–5,000)
 * @param cursor   the opaque {@code nextCursor} of the previous page, or null for the first
 * @param count    whether to count the matching rows (exact up to the count cap, flagged beyond)
 */
public record Query(String entity, List<String> columns, Criterion filter, List<LinkEntity> links, List<Order> orders,
		int pageSize, String cursor, boolean count, boolean distinct) {

	public static final int MAX_PAGE_SIZE = 5000;
	public static final int DEFAULT_PAGE_SIZE = 50;

	public Query {
		columns = columns == null ? List.of() : List.copyOf(columns);
		links = links == null ? List.of() : List.copyOf(links);
		orders = orders == null ? List.of() : List.copyOf(orders);
	}

	public static Query of(String entity) {
		return new Query(entity, List.of(), null, List.of(), List.of(), DEFAULT_PAGE_SIZE, null, false, false);
	}

	public Query select(String... attributes) {
		return new Query(entity, List.of(attributes), filter, links, orders, pageSize, cursor, count, distinct);
	}

	public Query select(List<String> attributes) {
		return new Query(entity, attributes, filter, links, orders, pageSize, cursor, count, distinct);
	}

	public Query where(Criterion criterion) {
		Criterion combined = filter == null ? criterion : Criterion.and(filter, criterion);
		return new Query(entity, columns, combined, links, orders, pageSize, cursor, count, distinct);
	}

	public Query link(LinkEntity link) {
		List<LinkEntity> all = new ArrayList<>(links);
		all.add(link);
		return new Query(entity, columns, filter, all, orders, pageSize, cursor, count, distinct);
	}

	public Query orderBy(Order... order) {
		List<Order> all = new ArrayList<>(orders);
		all.addAll(List.of(order));
		return new Query(entity, columns, filter, links, all, pageSize, cursor, count, distinct);
	}

	public Query page(int size) {
		return new Query(entity, columns, filter, links, orders, size, cursor, count, distinct);
	}

	public Query after(String nextCursor) {
		return new Query(entity, columns, filter, links, orders, pageSize, nextCursor, count, distinct);
	}

	/**
	 * Starts after the first {@code rows} rows: an OFFSET scan that reads and drops them, so it grows slower the
	 * deeper it goes; a {@code nextCursor} is the way to page. For OData's {@code $skip}.
	 */
	public Query skip(long rows) {
		if (rows < 0) {
			throw io.rapport.core.RapportException.invalid("$skip", "must not be negative");
		}
		return rows == 0 ? this : after(SKIP + rows);
	}

	/** The cursor of a {@link #skip}. */
	public static final String SKIP = "skip:";

	public Query withCount() {
		return new Query(entity, columns, filter, links, orders, pageSize, cursor, true, distinct);
	}

	public Query withDistinct() {
		return new Query(entity, columns, filter, links, orders, pageSize, cursor, count, true);
	}
}
