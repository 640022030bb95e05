package io.rapport.currency.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.currency.Currencies;
import io.rapport.currency.Currency;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/** Reads currencies through the query model as the system: their symbols and rates are needed to show any money value. */
@Component
class StoredCurrencies implements Currencies {

	static final String ENTITY = "transactioncurrency";
	static final List<String> COLUMNS = List.of("currencyname", "isocurrencycode", "currencysymbol", "exchangerate",
			"currencyprecision", "statecode");

	/** How long another node's change to a currency may go unseen here (local changes are seen at once). */
	private static final long MAX_AGE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

	private final Queries queries;

	/** Every currency, as last read: a handful of rows that every create of a record with money reads. */
	private record Snapshot(Map<UUID, Currency> byId, long generation, long loadedAt) {
	}

	private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
	private volatile Snapshot snapshot;

	StoredCurrencies(Queries queries) {
		this.queries = queries;
	}

	@org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
	void on(io.rapport.data.RecordChanged changed) {
		if (changed.record().entity().equals(ENTITY)) {
			generation.incrementAndGet();
		}
	}

	/** Marks a transaction that changed a currency: until it ends, it reads currencies from the table, not the snapshot. */
	private static final Object CHANGED_HERE = new Object();

	@org.springframework.context.event.EventListener
	void changedInTransaction(io.rapport.data.RecordChanged changed) {
		if (changed.record().entity().equals(ENTITY) && TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.hasResource(CHANGED_HERE)) {
			TransactionSynchronizationManager.bindResource(CHANGED_HERE, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(CHANGED_HERE);
				}
			});
		}
	}

	@Override
	public Currency base() {
		Currency base = find(List.of(BASE_CURRENCY_ID)).get(BASE_CURRENCY_ID);
		if (base == null) {
			throw new RapportException(503, "NoBaseCurrency", "The organization's base currency is not set up yet.");
		}
		return base;
	}

	/**
	 * The currencies with these ids, from the snapshot of all currencies while it is current; an id it lacks (a currency
	 * created in this transaction, or on another node just now) is read from the table.
	 */
	@Override
	public Map<UUID, Currency> find(Collection<UUID> ids) {
		if (TransactionSynchronizationManager.hasResource(CHANGED_HERE)) {
			return read(ids);
		}
		Map<UUID, Currency> found = new LinkedHashMap<>();
		List<UUID> missing = new java.util.ArrayList<>();
		Map<UUID, Currency> all = current().byId();
		for (UUID id : ids) {
			if (id == null || found.containsKey(id)) {
				continue;
			}
			Currency c = all.get(id);
			if (c != null) {
				found.put(id, c);
			} else {
				missing.add(id);
			}
		}
		found.putAll(read(missing));
		return found;
	}

	private Snapshot current() {
		Snapshot s = snapshot;
		long now = System.nanoTime();
		if (s != null && s.generation() == generation.get() && now - s.loadedAt() < MAX_AGE_NANOS) {
			return s;
		}
		long at = generation.get();
		Map<UUID, Currency> all = new LinkedHashMap<>();
		Query q = Query.of(ENTITY).select(COLUMNS).page(Query.MAX_PAGE_SIZE);
		for (EntityRecord r : queries.execute(Principal.systemPrincipal(), q).records()) {
			all.put(r.id(), of(r));
		}
		Snapshot loaded = new Snapshot(Map.copyOf(all), at, now);
		if (generation.get() == at) {
			snapshot = loaded;
		}
		return loaded;
	}

	private Map<UUID, Currency> read(Collection<UUID> ids) {
		Map<UUID, Currency> found = new LinkedHashMap<>();
		List<Object> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().map(id -> (Object) id).toList();
		if (distinct.isEmpty()) {
			return found;
		}
		Query q = Query.of(ENTITY).select(COLUMNS)
			.where(new Criterion.Condition(null, "transactioncurrencyid", Operator.In, distinct))
			.page(Query.MAX_PAGE_SIZE);
		for (EntityRecord r : queries.execute(Principal.systemPrincipal(), q).records()) {
			found.put(r.id(), of(r));
		}
		return found;
	}

	static Currency of(EntityRecord r) {
		Object precision = r.get("currencyprecision");
		Object state = r.get("statecode");
		return new Currency(r.id(), r.getString("currencyname"), r.getString("isocurrencycode"), r.getString("currencysymbol"),
				(BigDecimal) r.get("exchangerate"), precision instanceof Number n ? n.intValue() : 2,
				!(state instanceof Number s) || s.intValue() == 0);
	}
}
