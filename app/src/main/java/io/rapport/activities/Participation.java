package io.rapport.activities;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.rapport.core.RapportException;

/** How a party takes part in an activity: Dataverse's participation type mask, with its values. */
public enum Participation {

	Sender(1, "From"), ToRecipient(2, "To"), CcRecipient(3, "Cc"), BccRecipient(4, "Bcc"), RequiredAttendee(5, "Required"),
	OptionalAttendee(6, "Optional"), Organizer(7, "Organizer"), Regarding(8, "Regarding"), Owner(9, "Owner"),
	Resource(10, "Resource"), Customer(11, "Customer");

	private final int value;
	private final String label;

	Participation(int value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The value stored in {@code activityparty.participationtypemask}. */
	public int value() {
		return value;
	}

	/** The short name people use: From, To, Cc, Bcc, Required, Optional, Organizer… */
	public String label() {
		return label;
	}

	public static java.util.Optional<Participation> of(int value) {
		return Arrays.stream(values()).filter(p -> p.value == value).findFirst();
	}

	/**
	 * Reads a participation given as its short name ("To", "From"), its Dataverse name ("ToRecipient", "Sender"), or its
	 * value (2); refuses anything else naming {@code field}.
	 */
	public static Participation parse(String field, Object given) {
		if (given instanceof Number n && n.doubleValue() == n.intValue()) {
			return of(n.intValue()).orElseThrow(() -> unknown(field, given));
		}
		if (given instanceof String s && !s.isBlank()) {
			String key = s.replace(" ", "").toLowerCase(Locale.ROOT);
			for (Participation p : values()) {
				if (p.label.toLowerCase(Locale.ROOT).equals(key) || p.name().toLowerCase(Locale.ROOT).equals(key)
						|| Integer.toString(p.value).equals(key)) {
					return p;
				}
			}
		}
		throw unknown(field, given);
	}

	private static RapportException unknown(String field, Object given) {
		return RapportException.invalid(field, "'" + given + "' is not a participation type; use one of "
				+ String.join(", ", labels(List.of(values()))));
	}

	static List<String> labels(java.util.Collection<Participation> participations) {
		return participations.stream().map(Participation::label).toList();
	}
}
