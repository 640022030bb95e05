package io.rapport.customers;

import java.util.List;

/**
 * One page of the connections of a record.
 *
 * @param record     the record whose connections these are
 * @param nextCursor pass it back for the next page; null on the last page
 */
public record ConnectionPage(Connection.Party record, List<Connection> connections, String nextCursor) {
}
