package io.rapport.currency.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.currency.Currencies;
import io.rapport.data.Message;
import io.rapport.data.PipelineContext;
import io.rapport.data.PipelineHandler;
import io.rapport.data.Stage;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;

/**
 * The rules of a currency, as in Dataverse: its code is three letters (kept upper case), unique and fixed once the
 * currency exists; the base currency's exchange rate is always 1, and the base currency can be neither deactivated
 * nor deleted. (A currency that records use cannot be deleted either: their lookups restrict the delete.)
 */
@Component
class CurrencyRules implements PipelineHandler {

	private final Queries queries;

	CurrencyRules(Queries queries) {
		this.queries = queries;
	}

	@Override
	public String entity() {
		return StoredCurrencies.ENTITY;
	}

	@Override
	public Set<Message> messages() {
		return Set.of(Message.Create, Message.Update, Message.SetState, Message.Delete);
	}

	@Override
	public Stage stage() {
		return Stage.Validate;
	}

	@Override
	public void handle(PipelineContext context) {
		boolean base = Currencies.BASE_CURRENCY_ID.equals(context.ref().id());
		switch (context.message()) {
			case Delete -> {
				if (base) {
					throw new RapportException(400, "BaseCurrency", "The base currency cannot be deleted.");
				}
			}
			case SetState -> {
				if (base && context.target().get("statecode") instanceof Number s && s.intValue() != 0) {
					throw new RapportException(400, "BaseCurrency", "The base currency cannot be deactivated.");
				}
			}
			default -> validate(context, base);
		}
	}

	private void validate(PipelineContext context, boolean base) {
		var target = context.target();
		if (target.has("statecode") && base && target.get("statecode") instanceof Number s && s.intValue() != 0) {
			throw new RapportException(400, "BaseCurrency", "The base currency cannot be deactivated.");
		}
		if (target.has("isocurrencycode")) {
			String code = target.getString("isocurrencycode");
			code = code == null ? null : code.trim().toUpperCase(Locale.ROOT);
			if (context.message() == Message.Update && !java.util.Objects.equals(code, context.preImage().getString("isocurrencycode"))) {
				throw RapportException.invalid("isocurrencycode", "a currency's code cannot be changed once it exists");
			}
			if (code == null || !code.matches("[A-Z]{3}")) {
				throw RapportException.invalid("isocurrencycode", "enter the three-letter ISO 4217 code, e.g. EUR");
			}
			if (context.message() == Message.Create && queries.count(Principal.systemPrincipal(), Query.of(StoredCurrencies.ENTITY)
				.where(Criterion.where("isocurrencycode", Operator.Eq, code))) > 0) {
				throw RapportException.invalid("isocurrencycode", "there is a currency with the code " + code + " already");
			}
			target.set("isocurrencycode", code);
		}
		if (target.has("currencysymbol") && target.getString("currencysymbol") != null) {
			String symbol = target.getString("currencysymbol").trim();
			if (symbol.isEmpty()) {
				throw RapportException.invalid("currencysymbol", "is required");
			}
			target.set("currencysymbol", symbol);
		}
		if (base && target.has("exchangerate") && target.get("exchangerate") != null
				&& new BigDecimal(target.get("exchangerate").toString()).compareTo(BigDecimal.ONE) != 0) {
			throw RapportException.invalid("exchangerate", "the base currency's exchange rate is always 1");
		}
	}
}
