package io.rapport.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.rapport.core.EntityRecord;
import io.rapport.core.RecordRef;
import io.rapport.currency.Currencies;
import io.rapport.currency.Currency;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;

/**
 * Money values with their record's currency: lists, subgrids and forms ask for the currency column alongside money
 * columns and show "€1,250.00". A record without a currency (one written before currencies existed) shows the base
 * currency's symbol, which is what Dataverse would have given it.
 */
@Component
class MoneyDisplay {

	private final Currencies currencies;

	MoneyDisplay(Currencies currencies) {
		this.currencies = currencies;
	}

	/** The columns to read: {@code columns} plus the currency when one of them is money and the entity has currencies. */
	static List<String> withCurrency(EntityDefinition def, List<String> columns) {
		boolean money = columns.stream().anyMatch(c -> def.attribute(c).map(a -> a.type() == AttributeType.Money).orElse(false));
		if (!money || !Currencies.carriesCurrency(def) || columns.contains(Currencies.ATTRIBUTE)) {
			return columns;
		}
		List<String> all = new ArrayList<>(columns);
		all.add(Currencies.ATTRIBUTE);
		return all;
	}

	/** Each record's currency (the base currency for those without one), by record id. */
	Map<UUID, Currency> of(List<EntityRecord> records) {
		List<UUID> ids = new ArrayList<>();
		ids.add(Currencies.BASE_CURRENCY_ID);
		records.forEach(r -> {
			if (r.get(Currencies.ATTRIBUTE) instanceof RecordRef ref) {
				ids.add(ref.id());
			}
		});
		Map<UUID, Currency> found = currencies.find(ids);
		Currency base = found.get(Currencies.BASE_CURRENCY_ID);
		Map<UUID, Currency> byRecord = new HashMap<>();
		for (EntityRecord r : records) {
			Currency c = r.get(Currencies.ATTRIBUTE) instanceof RecordRef ref ? found.getOrDefault(ref.id(), base) : base;
			if (c != null) {
				byRecord.put(r.id(), c);
			}
		}
		return byRecord;
	}

	/** The currency a form shows money inputs in: the one chosen on the form (its input value), else the base. */
	Currency forInput(String currencyInput) {
		UUID id = null;
		if (currencyInput != null && !currencyInput.isBlank()) {
			id = Names.uuid(currencyInput.contains(":") ? currencyInput.substring(currencyInput.indexOf(':') + 1) : currencyInput);
		}
		Map<UUID, Currency> found = currencies.find(id == null ? List.of(Currencies.BASE_CURRENCY_ID) : List.of(id, Currencies.BASE_CURRENCY_ID));
		return id != null && found.containsKey(id) ? found.get(id) : found.get(Currencies.BASE_CURRENCY_ID);
	}

	/** A value as a cell shows it: money in the record's currency, everything else as {@link Fields#display}. */
	static String display(AttributeDefinition a, Object value, Map<RecordRef, String> names, Currency currency) {
		if (a != null && a.type() == AttributeType.Money && value instanceof BigDecimal amount && currency != null) {
			return currency.format(amount);
		}
		return Fields.display(a, value, names);
	}
}
