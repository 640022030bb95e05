package io.rapport.customers.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.Connection;
import io.rapport.customers.ConnectionRoles;
import io.rapport.data.Records;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.RelationshipDefinition;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * Connection roles and their matching roles. Matches are the rows of the N:N relationship
 * {@code connectionroleassociation_association}, written through the record pipeline (Associate) and read here from
 * its intersect table, in both directions: the query model has no many-to-many links, and an association row holds
 * nothing but the two role ids — the roles themselves are always read through {@link Queries}.
 */
@Component
class StoredConnectionRoles implements ConnectionRoles {

	static final String MATCHING = "connectionroleassociation_association";

	private static final Principal SYSTEM = Principal.systemPrincipal();

	private final Queries queries;
	private final Records records;
	private final Metadata metadata;
	private final DSLContext dsl;
	private final TransactionTemplate tx;

	/** Records is lazy: the pipeline runs these rules, and they write through the pipeline. */
	StoredConnectionRoles(Queries queries, Records records, Metadata metadata, DSLContext dsl, TransactionTemplate tx) {
		this.queries = queries;
		this.records = records;
		this.metadata = metadata;
		this.dsl = dsl;
		this.tx = tx;
	}

	/** The role as the connection rules see it, whoever is acting. */
	Optional<ConnectionRole> find(UUID id) {
		return queries.retrieve(SYSTEM, "connectionrole", id, List.of("name", "associatedobjecttypecodes", "statecode"))
			.map(ConnectionRole::of);
	}

	/** The roles matching a role, by name. */
	List<ConnectionRole> matchingRoles(UUID id) {
		Set<UUID> ids = matchingIds(id);
		if (ids.isEmpty()) {
			return List.of();
		}
		return queries.execute(SYSTEM, byIds(ids).select("name", "associatedobjecttypecodes", "statecode")).records()
			.stream().map(ConnectionRole::of).toList();
	}

	boolean matches(UUID role, UUID other) {
		return matchingIds(role).contains(other);
	}

	@Override
	public List<Connection.Role> matching(Principal principal, UUID roleId) {
		queries.retrieve(principal, "connectionrole", roleId, List.of("name"))
			.orElseThrow(() -> RapportException.notFound("connectionrole", roleId));
		Set<UUID> ids = matchingIds(roleId);
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Connection.Role> roles = new ArrayList<>();
		for (EntityRecord r : queries.execute(principal, byIds(ids).select("name")).records()) {
			roles.add(new Connection.Role(r.id(), r.getString("name")));
		}
		return roles;
	}

	@Override
	public void match(Principal principal, UUID roleId, UUID matchingRoleId) {
		tx.executeWithoutResult(s -> {
			if (!matches(roleId, matchingRoleId)) {
				records.associate(principal, ref(roleId), MATCHING, List.of(ref(matchingRoleId)));
			}
		});
	}

	@Override
	public void unmatch(Principal principal, UUID roleId, UUID matchingRoleId) {
		tx.executeWithoutResult(s -> {
			records.retrieve(principal, "connectionrole", roleId, "name");
			records.retrieve(principal, "connectionrole", matchingRoleId, "name");
			if (pairExists(roleId, matchingRoleId)) {
				records.disassociate(principal, ref(roleId), MATCHING, List.of(ref(matchingRoleId)));
			}
			if (!roleId.equals(matchingRoleId) && pairExists(matchingRoleId, roleId)) {
				records.disassociate(principal, ref(matchingRoleId), MATCHING, List.of(ref(roleId)));
			}
		});
	}

	private Set<UUID> matchingIds(UUID role) {
		Field<UUID> one = column(true);
		Field<UUID> two = column(false);
		return dsl.select(two).from(intersect()).where(one.eq(role))
			.union(select(one).from(intersect()).where(two.eq(role)))
			.fetchSet(0, UUID.class);
	}

	private boolean pairExists(UUID first, UUID second) {
		return dsl.fetchExists(dsl.selectOne().from(intersect()).where(column(true).eq(first)).and(column(false).eq(second)));
	}

	private Table<?> intersect() {
		return table(name(metadata.relationship(MATCHING).orElseThrow().intersectEntity()));
	}

	private Field<UUID> column(boolean first) {
		EntityDefinition role = metadata.entity("connectionrole");
		return field(name(RelationshipDefinition.intersectColumn(role, first, true)), UUID.class);
	}

	private static Query byIds(Set<UUID> ids) {
		return Query.of("connectionrole").where(Criterion.where("connectionroleid", Operator.In, ids.toArray()))
			.orderBy(Order.asc("name")).page(Query.MAX_PAGE_SIZE);
	}

	private static RecordRef ref(UUID id) {
		return new RecordRef("connectionrole", id);
	}
}
