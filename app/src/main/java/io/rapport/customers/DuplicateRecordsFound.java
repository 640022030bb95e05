package io.rapport.customers;

import java.util.List;
import java.util.stream.Collectors;

import io.rapport.core.RapportException;

/**
 * A create or update was refused because the record may duplicate existing ones the caller can read (409
 * DuplicateRecord). A warning, not a verdict: sending it again with duplicate detection suppressed saves it.
 */
public class DuplicateRecordsFound extends RapportException {

	/** The HTTP header that suppresses duplicate detection for a request (Dataverse's). */
	public static final String SUPPRESS_HEADER = "MSCRM.SuppressDuplicateDetection";

	private final transient List<DuplicateMatch> matches;

	public DuplicateRecordsFound(String entityDisplayName, List<DuplicateMatch> matches) {
		super(409, "DuplicateRecord", message(entityDisplayName, matches));
		this.matches = List.copyOf(matches);
	}

	public List<DuplicateMatch> matches() {
		return matches;
	}

	private static String message(String entityDisplayName, List<DuplicateMatch> matches) {
		String listed = matches.stream().limit(5)
			.map(m -> (m.name() == null ? m.record().toString() : "'" + m.name() + "'") + " (" + m.ruleName() + ")")
			.collect(Collectors.joining(", "));
		String more = matches.size() > 5 ? " and " + (matches.size() - 5) + " more" : "";
		return "This " + entityDisplayName.toLowerCase() + " may be a duplicate of " + (matches.size() == 1 ? "an existing record: "
				: matches.size() + " existing records: ") + listed + more + ". To save it anyway, send it again with the header "
				+ SUPPRESS_HEADER + ": true.";
	}
}
