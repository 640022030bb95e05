package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateMatch;
import io.rapport.metadata.AttributeValues;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * Finds duplicates through the query engine with the caller's principal, so only records they may read are ever
 * found. Each rule becomes one query whose conditions an index serves ({@code lower(column) = lower(value)}, a range
 * for first characters, a day or minute range for dates); case-sensitive rules then keep only exact matches.
 */
@Component
class DuplicateFinder implements DuplicateDetection {

	/** Matches reported per rule: enough to act on, few enough to read. */
	static final int MATCHES_PER_RULE = 50;

	/** Case-sensitive rules read more case-insensitive candidates, of which they keep the exact ones. */
	private static final int CANDIDATES_PER_CASE_SENSITIVE_RULE = 500;

	private static final ThreadLocal<Boolean> SUPPRESSED = ThreadLocal.withInitial(() -> false);

	private final Metadata metadata;
	private final Queries queries;
	private final PublishedRules rules;
	private final KeyProbe probe;

	DuplicateFinder(Metadata metadata, Queries queries, PublishedRules rules, KeyProbe probe) {
		this.metadata = metadata;
		this.queries = queries;
		this.rules = rules;
		this.probe = probe;
	}

	@Override
	public List<DuplicateMatch> retrieveDuplicates(Principal principal, EntityRecord record) {
		EntityDefinition entity = metadata.entity(record.entity());
		EntityRecord typed = new EntityRecord(entity.logicalName(), record.id());
		List<RapportException.AttributeError> errors = new ArrayList<>();
		for (Map.Entry<String, Object> e : record.values().entrySet()) {
			try {
				typed.set(e.getKey(), AttributeValues.coerce(entity.requireAttribute(e.getKey()), e.getValue()));
			} catch (RapportException ex) {
				errors.addAll(ex.errors());
			}
		}
		if (!errors.isEmpty()) {
			throw RapportException.invalid(errors);
		}
		return find(principal, typed::get, typed.id(), rules.forBase(entity.logicalName()));
	}

	@Override
	public List<DuplicateMatch> retrieveDuplicates(Principal principal, RecordRef record) {
		EntityRecord existing = queries.retrieve(principal, record.entity(), record.id(), List.of())
			.orElseThrow(() -> RapportException.notFound(record.entity(), record.id()));
		return find(principal, existing::get, existing.id(), rules.forBase(record.entity()));
	}

	@Override
	public <T> T suppressed(Supplier<T> work) {
		boolean before = SUPPRESSED.get();
		SUPPRESSED.set(true);
		try {
			return work.get();
		} finally {
			SUPPRESSED.set(before);
		}
	}

	boolean isSuppressed() {
		return SUPPRESSED.get();
	}

	/** The records matching the values by any of the rules, each reported once (with the first rule it matched). */
	List<DuplicateMatch> find(Principal principal, Function<String, Object> values, UUID self, List<DuplicateRule> applying) {
		// Most records have no duplicate: the exact-match rules' index probes, in one statement, say so without
		// compiling any rule's query.
		Map<DuplicateRule, List<List<Object>>> probed = new LinkedHashMap<>();
		for (DuplicateRule rule : applying) {
			Optional<List<Object>> key = rule.criterion(values).isPresent() ? rule.baseKey(values) : Optional.empty();
			if (key.isPresent() && probe.serves(rule, List.of(key.get()))) {
				probed.put(rule, List.of(key.get()));
			}
		}
		Map<DuplicateRule, List<UUID>> candidates = probed.isEmpty() ? Map.of() : probe.candidates(probed);
		Map<RecordRef, DuplicateMatch> found = new LinkedHashMap<>();
		for (DuplicateRule rule : applying) {
			Optional<Criterion> criterion = rule.criterion(values);
			if (criterion.isEmpty()) {
				continue;
			}
			Optional<List<Object>> key = rule.baseKey(values);
			Criterion matching = criterion.get();
			if (candidates.containsKey(rule)) {
				List<UUID> ids = new ArrayList<>(candidates.get(rule));
				if (self != null && rule.sameEntity()) {
					ids.remove(self);
				}
				if (ids.isEmpty()) {
					continue;
				}
				matching = Criterion.and(matching, Criterion.where(rule.matching().primaryIdAttribute(), Operator.In, ids.toArray()));
			}
			Query query = matchingQuery(rule, matching)
				.page(rule.caseSensitive() ? CANDIDATES_PER_CASE_SENSITIVE_RULE : MATCHES_PER_RULE);
			if (self != null && rule.sameEntity()) {
				query = query.where(Criterion.where(rule.matching().primaryIdAttribute(), Operator.Ne, self));
			}
			int kept = 0;
			for (EntityRecord candidate : readable(principal, query).records()) {
				if (kept == MATCHES_PER_RULE) {
					break;
				}
				if (rule.caseSensitive() && !rule.matchingKey(candidate::get).equals(key)) {
					continue;
				}
				kept++;
				found.putIfAbsent(candidate.ref(), match(rule, candidate));
			}
		}
		return List.copyOf(found.values());
	}

	/**
	 * The duplicates of many base records by one rule, the results paired back by key, at most {@code limit} pairs.
	 * An exact-match rule first finds its candidates with a {@link KeyProbe} (one index probe per distinct key); any
	 * rule then reads them through the query engine as the principal, so only readable records are reported. Other
	 * rules ask one query with each base record's conditions or-ed together.
	 */
	Map<UUID, List<DuplicateMatch>> findAll(Principal principal, DuplicateRule rule, List<EntityRecord> batch, int limit) {
		Map<List<Object>, List<UUID>> basesByKey = new HashMap<>();
		List<Criterion> any = new ArrayList<>();
		for (EntityRecord base : batch) {
			Optional<List<Object>> key = rule.baseKey(base::get);
			Optional<Criterion> criterion = rule.criterion(base::get);
			if (key.isPresent() && criterion.isPresent()) {
				if (!basesByKey.containsKey(key.get())) {
					any.add(criterion.get());
				}
				basesByKey.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(base.id());
			}
		}
		Map<UUID, List<DuplicateMatch>> pairs = new LinkedHashMap<>();
		if (any.isEmpty()) {
			return pairs;
		}
		Criterion candidates;
		if (probe.serves(rule, basesByKey.keySet())) {
			List<UUID> ids = probe.candidates(rule, basesByKey.keySet());
			if (ids.isEmpty()) {
				return pairs;
			}
			candidates = Criterion.where(rule.matching().primaryIdAttribute(), Operator.In, ids.toArray());
		} else {
			candidates = Criterion.or(any.toArray(Criterion[]::new));
		}
		Query query = matchingQuery(rule, candidates).page(1000);
		int count = 0;
		String cursor = null;
		do {
			RecordPage page = readable(principal, query.after(cursor));
			for (EntityRecord candidate : page.records()) {
				Optional<List<Object>> key = rule.matchingKey(candidate::get);
				for (UUID base : key.map(k -> basesByKey.getOrDefault(k, List.of())).orElse(List.of())) {
					if (rule.sameEntity() && base.equals(candidate.id())) {
						continue;
					}
					if (count++ == limit) {
						return pairs;
					}
					pairs.computeIfAbsent(base, b -> new ArrayList<>()).add(match(rule, candidate));
				}
			}
			cursor = page.nextCursor();
		} while (cursor != null);
		return pairs;
	}

	private Query matchingQuery(DuplicateRule rule, Criterion criterion) {
		EntityDefinition matching = rule.matching();
		Set<String> columns = new LinkedHashSet<>(rule.matchingAttributes());
		if (matching.primaryNameAttribute() != null) {
			columns.add(matching.primaryNameAttribute());
		}
		Query query = Query.of(matching.logicalName()).select(List.copyOf(columns)).where(criterion);
		return rule.excludeInactive() ? query.where(Criterion.where("statecode", Operator.Eq, 0)) : query;
	}

	/** A rule on a secured field the principal may not read cannot tell them anything: it finds nothing for them. */
	private RecordPage readable(Principal principal, Query query) {
		try {
			return queries.execute(principal, query);
		} catch (RapportException e) {
			if (e.code().equals("FieldAccessDenied")) {
				return new RecordPage(List.of(), null, null, false);
			}
			throw e;
		}
	}

	private static DuplicateMatch match(DuplicateRule rule, EntityRecord candidate) {
		String nameAttribute = rule.matching().primaryNameAttribute();
		return new DuplicateMatch(candidate.ref(), nameAttribute == null ? null : candidate.getString(nameAttribute),
				rule.id(), rule.name());
	}
}
