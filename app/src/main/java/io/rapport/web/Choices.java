package io.rapport.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * The business units, users, teams and roles the settings pages offer in their lists and selects, read through the
 * query model with the signed-in administrator's principal like every other read.
 */
@Component
class Choices {

	private static final int MAX = 2000;

	private final Queries queries;

	Choices(Queries queries) {
		this.queries = queries;
	}

	/** An option of a select; {@code level} indents business units under their parent. */
	record Choice(UUID id, String name, int level) {
	}

	/** The business-unit tree, depth first, each unit after its parent. */
	List<Choice> businessUnits(Principal who) {
		List<EntityRecord> units = queries.execute(who, Query.of("businessunit").select("name", "parentbusinessunitid")
			.orderBy(Order.asc("name")).page(MAX)).records();
		Map<UUID, List<EntityRecord>> children = new HashMap<>();
		List<EntityRecord> roots = new ArrayList<>();
		for (EntityRecord u : units) {
			RecordRef parent = u.get("parentbusinessunitid", RecordRef.class);
			if (parent == null || units.stream().noneMatch(o -> o.id().equals(parent.id()))) {
				roots.add(u);
			} else {
				children.computeIfAbsent(parent.id(), k -> new ArrayList<>()).add(u);
			}
		}
		List<Choice> tree = new ArrayList<>();
		roots.forEach(r -> walk(r, 0, children, tree));
		return tree;
	}

	private static void walk(EntityRecord unit, int level, Map<UUID, List<EntityRecord>> children, List<Choice> tree) {
		tree.add(new Choice(unit.id(), unit.getString("name"), level));
		children.getOrDefault(unit.id(), List.of()).forEach(c -> walk(c, level + 1, children, tree));
	}

	List<Choice> roles(Principal who) {
		return named(who, Query.of("role").select("name").orderBy(Order.asc("name")).page(MAX), "name");
	}

	List<Choice> users(Principal who) {
		return named(who, Query.of("systemuser").select("fullname", "domainname")
			.where(Criterion.where("systemuserid", Operator.Ne, Principal.SYSTEM_USER_ID))
			.orderBy(Order.asc("fullname")).page(MAX), "fullname");
	}

	List<Choice> teams(Principal who) {
		return named(who, Query.of("team").select("name").orderBy(Order.asc("name")).page(MAX), "name");
	}

	private List<Choice> named(Principal who, Query q, String attribute) {
		return queries.execute(who, q).records().stream().map(r -> new Choice(r.id(), name(r, attribute), 0)).toList();
	}

	private static String name(EntityRecord r, String attribute) {
		String n = r.getString(attribute);
		if ((n == null || n.isBlank()) && r.has("domainname")) {
			n = r.getString("domainname");
		}
		return n == null || n.isBlank() ? "(no name)" : n;
	}

	/** The related records of an N:N relationship as choices, by name. */
	List<Choice> related(Principal who, RecordRef record, String relationship, List<Choice> all) {
		List<UUID> ids = queries.related(who, record, relationship).stream().map(RecordRef::id).toList();
		return all.stream().filter(c -> ids.contains(c.id())).toList();
	}
}
