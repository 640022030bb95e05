package io.rapport.currency.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.currency.Currencies;
import io.rapport.currency.Currency;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.RecordFailed;
import io.rapport.data.Stage;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;

/**
 * For every entity with a {@code transactioncurrencyid} lookup, as Dataverse does: a new record without a currency
 * takes the organization's base currency; the record's {@code exchangerate} is the currency's rate when the currency is
 * set or a money value changes (it is the platform's to write, whatever a caller sends); an inactive currency cannot
 * be chosen, and a record's currency cannot be cleared.
 */
@Component
class CurrencyDefaults implements PipelineHandler {

	private final Currencies currencies;

	CurrencyDefaults(Currencies currencies) {
		this.currencies = currencies;
	}

	@Override
	public String entity() {
		return "*";
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update);
	}

	@Override
	public Stage stage() {
		return Stage.PreOperation;
	}

	@Override
	public void handle(PipelineContext context) {
		if (Currencies.carriesCurrency(context.entity())) {
			apply(context, context.entity(), new HashMap<>());
		}
	}

	/** A bulk create reads each currency once for the whole batch; a refused record is named by its context. */
	@Override
	public void handleAll(List<PipelineContext> contexts) {
		Map<UUID, Currency> known = new HashMap<>();
		for (PipelineContext context : contexts) {
			if (!Currencies.carriesCurrency(context.entity())) {
				continue;
			}
			try {
				apply(context, context.entity(), known);
			} catch (RapportException e) {
				throw new RecordFailed(context, e);
			}
		}
	}

	private void apply(PipelineContext context, EntityDefinition entity, Map<UUID, Currency> known) {
		EntityRecord target = context.target();
		boolean create = context.message() == Message.Create;
		boolean currencyChanged = target.has(Currencies.ATTRIBUTE);
		boolean moneyChanged = entity.attributes().stream()
			.anyMatch(a -> a.type() == AttributeType.Money && target.has(a.logicalName()));
		if (currencyChanged && target.get(Currencies.ATTRIBUTE) == null && !create) {
			throw RapportException.invalid(Currencies.ATTRIBUTE, "choose a currency: a record's currency cannot be cleared");
		}
		UUID id = currencyId(context.valueAfter(Currencies.ATTRIBUTE));
		boolean defaulted = false;
		if (id == null && (create || moneyChanged)) {
			id = Currencies.BASE_CURRENCY_ID;
			currencyChanged = true;
			defaulted = true;
		}
		if (id == null) {
			target.remove("exchangerate");
			return;
		}
		UUID chosen = id;
		Currency currency = known.computeIfAbsent(chosen, k -> currencies.find(List.of(k)).get(k));
		if (currency == null) {
			if (defaulted) {
				// Before the base currency is seeded (the first start's own records): no currency to give.
				target.remove(Currencies.ATTRIBUTE);
				target.remove("exchangerate");
				return;
			}
			throw RapportException.invalid(Currencies.ATTRIBUTE, "the currency " + chosen + " does not exist");
		}
		if (currencyChanged && !currency.active()) {
			throw RapportException.invalid(Currencies.ATTRIBUTE, "the currency " + currency.name() + " is inactive: choose an active one");
		}
		if (currencyChanged) {
			target.set(Currencies.ATTRIBUTE, new RecordRef("transactioncurrency", chosen));
		}
		if (currencyChanged || moneyChanged) {
			target.set("exchangerate", currency.exchangeRate());
		} else {
			target.remove("exchangerate");
		}
	}

	private static UUID currencyId(Object value) {
		if (value instanceof RecordRef ref) {
			return ref.id();
		}
		if (value instanceof UUID id) {
			return id;
		}
		return null;
	}
}
