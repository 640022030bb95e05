package io.rapport.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * The primary names of referenced records, as the user may see them: one query per target entity for a whole page,
 * through the query model with the user's principal, so a record the user may not read gets no name.
 */
@Component
class Names {

	private final Metadata metadata;
	private final Queries queries;

	Names(Metadata metadata, Queries queries) {
		this.metadata = metadata;
		this.queries = queries;
	}

	Map<RecordRef, String> of(Principal principal, Collection<RecordRef> refs) {
		Map<String, List<Object>> byEntity = new LinkedHashMap<>();
		for (RecordRef r : refs) {
			if (r != null) {
				List<Object> ids = byEntity.computeIfAbsent(r.entity(), e -> new ArrayList<>());
				if (!ids.contains(r.id())) {
					ids.add(r.id());
				}
			}
		}
		Map<RecordRef, String> names = new HashMap<>();
		byEntity.forEach((entity, ids) -> {
			EntityDefinition def = metadata.find(entity).orElse(null);
			if (def == null || def.primaryNameAttribute() == null) {
				return;
			}
			for (int from = 0; from < ids.size(); from += 500) {
				List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
				Query q = Query.of(entity).select(def.primaryNameAttribute())
					.where(new Criterion.Condition(null, def.primaryIdAttribute(), Operator.In, chunk))
					.page(chunk.size());
				for (EntityRecord r : queries.execute(principal, q).records()) {
					String name = r.getString(def.primaryNameAttribute());
					names.put(new RecordRef(entity, r.id()), name == null || name.isBlank() ? "(no name)" : name);
				}
			}
		});
		return names;
	}

	String of(Principal principal, RecordRef ref) {
		return ref == null ? null : of(principal, List.of(ref)).get(ref);
	}

	static UUID uuid(String s) {
		try {
			return s == null || s.isBlank() ? null : UUID.fromString(s.trim());
		} catch (IllegalArgumentException e) {
			return null;
		}
	}
}
