package io.rapport.customers.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.Connection;
import io.rapport.customers.ConnectionPage;
import io.rapport.customers.Connections;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.LinkEntity;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * Reads the connections of a record as one query for the reader: the rows whose record1 is the record, with both
 * roles and, for each connectable entity, an outer link to the other record. Every table carries the reader's access
 * predicate, and a row whose other record did not come back readable is filtered out in the same query, so paging
 * stays exact.
 */
@Component
class StoredConnections implements Connections {

	private static final String MY_ROLE = "myrole";
	private static final String THEIR_ROLE = "theirrole";

	private final Queries queries;
	private final Metadata metadata;
	private final ConnectableEntities connectable;

	StoredConnections(Queries queries, Metadata metadata, ConnectableEntities connectable) {
		this.queries = queries;
		this.metadata = metadata;
		this.connectable = connectable;
	}

	@Override
	public ConnectionPage of(Principal principal, RecordRef record, int pageSize, String cursor) {
		if (!connectable.contains(record.entity())) {
			throw RapportException.invalid("entity", "only " + String.join(" and ", connectable.names())
					+ " records have connections, not " + record.entity());
		}
		EntityDefinition entity = metadata.entity(record.entity());
		EntityRecord self = queries.retrieve(principal, entity.logicalName(), record.id(), nameColumns(entity))
			.orElseThrow(() -> RapportException.notFound(entity.logicalName(), record.id()));
		RecordPage page = queries.execute(principal, query(record, pageSize, cursor));
		List<Connection> connections = new ArrayList<>();
		for (EntityRecord row : page.records()) {
			RecordRef other = (RecordRef) row.get("record2id");
			if (record.equals(row.get("record1id")) && row.get(alias(other.entity()) + "." + idOf(other.entity())) != null) {
				connections.add(connection(row, other));
			}
		}
		return new ConnectionPage(party(record, nameIn(self, "", entity)), connections, page.nextCursor());
	}

	private Query query(RecordRef record, int pageSize, String cursor) {
		Query query = Query.of("connection")
			.select("record1id", "record2id", "record1roleid", "record2roleid", "description", "effectivestart",
					"effectiveend", "statecode")
			.where(Criterion.where("record1id", Operator.Eq, record.id()))
			.link(new LinkEntity("connectionrole", "record1roleid", "connectionroleid", true, MY_ROLE, List.of("name"), null))
			.link(new LinkEntity("connectionrole", "record2roleid", "connectionroleid", true, THEIR_ROLE, List.of("name"), null));
		List<Criterion> otherReadable = new ArrayList<>();
		for (String name : connectable.names()) {
			EntityDefinition other = metadata.entity(name);
			query = query.link(new LinkEntity(name, "record2id", other.primaryIdAttribute(), true, alias(name),
					nameColumns(other), null));
			otherReadable.add(new Criterion.Condition(alias(name), other.primaryIdAttribute(), Operator.NotNull, List.of()));
		}
		return query.where(new Criterion.Group(true, otherReadable)).orderBy(Order.asc("createdon")).page(pageSize)
			.after(cursor);
	}

	private Connection connection(EntityRecord row, RecordRef other) {
		Object otherName = nameIn(row, alias(other.entity()) + ".", metadata.entity(other.entity()));
		return new Connection(row.id(), party(other, otherName), role(row, "record1roleid", MY_ROLE),
				role(row, "record2roleid", THEIR_ROLE), (LocalDate) row.get("effectivestart"),
				(LocalDate) row.get("effectiveend"), row.getString("description"), Integer.valueOf(0).equals(row.get("statecode")));
	}

	private static Connection.Role role(EntityRecord row, String attribute, String alias) {
		RecordRef role = (RecordRef) row.get(attribute);
		return role == null ? null : new Connection.Role(role.id(), row.getString(alias + ".name"));
	}

	private static Connection.Party party(RecordRef record, Object name) {
		return new Connection.Party(record.entity(), record.id(), name == null ? null : name.toString());
	}

	private static List<String> nameColumns(EntityDefinition entity) {
		return entity.primaryNameAttribute() == null ? List.of(entity.primaryIdAttribute())
				: List.of(entity.primaryIdAttribute(), entity.primaryNameAttribute());
	}

	private static Object nameIn(EntityRecord row, String prefix, EntityDefinition entity) {
		return entity.primaryNameAttribute() == null ? null : row.get(prefix + entity.primaryNameAttribute());
	}

	private String idOf(String entity) {
		return metadata.entity(entity).primaryIdAttribute();
	}

	private static String alias(String entity) {
		return "other_" + entity;
	}
}
