package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.AccountHierarchy;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/** Walks up parentaccountid to the top, then reads every account under it with one "under" query, paged. */
@Component
class AccountTree implements AccountHierarchy {

	/** A hierarchy is not expected to be deeper than this; a deeper chain is cut here rather than looping. */
	private static final int MAX_DEPTH = 100;

	private final Queries queries;

	AccountTree(Queries queries) {
		this.queries = queries;
	}

	@Override
	public List<Node> of(Principal principal, UUID accountId) {
		EntityRecord account = queries.retrieve(principal, "account", accountId, List.of("name", "parentaccountid"))
			.orElseThrow(() -> RapportException.notFound("account", accountId));
		EntityRecord top = account;
		Set<UUID> seen = new HashSet<>();
		seen.add(top.id());
		for (int i = 0; i < MAX_DEPTH && top.get("parentaccountid") instanceof RecordRef parent && seen.add(parent.id()); i++) {
			var up = queries.retrieve(principal, "account", parent.id(), List.of("name", "parentaccountid"));
			if (up.isEmpty()) {
				break;
			}
			top = up.get();
		}
		Map<UUID, EntityRecord> byId = new HashMap<>();
		byId.put(top.id(), top);
		Query under = Query.of("account").select("name", "parentaccountid")
			.where(Criterion.where("accountid", Operator.Under, top.id()))
			.orderBy(Order.asc("name"))
			.page(Query.MAX_PAGE_SIZE);
		RecordPage page = queries.execute(principal, under);
		page.records().forEach(r -> byId.put(r.id(), r));
		while (page.nextCursor() != null) {
			page = queries.execute(principal, under.after(page.nextCursor()));
			page.records().forEach(r -> byId.put(r.id(), r));
		}
		Map<UUID, List<EntityRecord>> children = new HashMap<>();
		for (EntityRecord r : byId.values()) {
			if (r != byId.get(top.id()) && r.get("parentaccountid") instanceof RecordRef p) {
				children.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(r);
			}
		}
		children.values().forEach(list -> list.sort((a, b) -> String.valueOf(a.get("name")).compareToIgnoreCase(String.valueOf(b.get("name")))));
		List<Node> nodes = new ArrayList<>();
		walk(top, 0, children, accountId, nodes, new HashSet<>());
		return nodes;
	}

	private static void walk(EntityRecord account, int depth, Map<UUID, List<EntityRecord>> children, UUID requested,
			List<Node> nodes, Set<UUID> visited) {
		if (!visited.add(account.id())) {
			return;
		}
		RecordRef parent = (RecordRef) account.get("parentaccountid");
		nodes.add(new Node(account.id(), account.getString("name"), depth == 0 || parent == null ? null : parent.id(), depth,
				account.id().equals(requested)));
		for (EntityRecord child : children.getOrDefault(account.id(), List.of())) {
			walk(child, depth + 1, children, requested, nodes, visited);
		}
	}
}
