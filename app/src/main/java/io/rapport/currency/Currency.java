package io.rapport.currency;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.UUID;

/**
 * A currency as money values are shown in it.
 *
 * @param exchangeRate units of this currency that one unit of the base currency buys
 * @param precision    digits after the decimal point of its money values
 */
public record Currency(UUID id, String name, String isoCode, String symbol, BigDecimal exchangeRate, int precision,
		boolean active) {

	/** A money value in this currency: the symbol, grouped thousands and the currency's precision ("€1,234.50"). */
	public String format(BigDecimal amount) {
		return symbol + amount(amount, precision);
	}

	/** A money value with grouped thousands and {@code digits} after the decimal point, without a symbol. */
	public static String amount(BigDecimal amount, int digits) {
		DecimalFormat f = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
				DecimalFormatSymbols.getInstance(Locale.ENGLISH));
		return f.format(amount.setScale(digits, RoundingMode.HALF_UP));
	}
}
