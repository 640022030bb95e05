package io.rapport.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rapport.core.RapportException;

/** The problems of a refused form, by field, for messages next to the fields on the page shown again. */
final class FormErrors {

	private FormErrors() {
	}

	static Map<String, String> of(RapportException e) {
		Map<String, String> m = new LinkedHashMap<>();
		e.errors().forEach(err -> m.merge(err.attribute(), err.message(), (x, y) -> x + "; " + y));
		return m;
	}

	/** A problem the page can only show above the form: refusals (403) and missing records (404) become error pages. */
	static RapportException rethrowUnlessInput(RapportException e) {
		if (e.status() == 403 || e.status() == 404) {
			throw e;
		}
		return e;
	}
}
