package io.rapport.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.query.RecordPage;

/**
 * One page of a Settings list (users, teams, roles, business units), paged as record lists are: 50 rows, keyset
 * Next/Previous with the cursors in the URL ({@link ListState}), never an OFFSET, and a quick find of records whose
 * name (or another of the list's text columns) begins with the text typed.
 *
 * @param path where the list lives under {@code /app/} (e.g. {@code settings/users}), for its links
 */
record SettingsList(String path, ListState state, List<EntityRecord> records, String nextLink, String previousLink) {

	static final int PAGE_SIZE = 50;

	/** The first page, without a search: what a page shown again after a refused form lists. */
	static MultiValueMap<String, String> firstPage() {
		return new LinkedMultiValueMap<>();
	}

	/** Runs {@code query} (ordered by the list's unique-enough order) for the page the parameters ask for. */
	static SettingsList load(Queries queries, Principal who, String path, MultiValueMap<String, String> params, Query query,
			List<String> findColumns) {
		ListState state = ListState.from(params);
		Query q = query.page(PAGE_SIZE);
		if (state.find() != null) {
			q = q.where(quickFind(findColumns, state.find()));
		}
		if (state.cursor() != null) {
			q = q.after(state.cursor());
		}
		RecordPage page = queries.execute(who, q);
		return new SettingsList(path, state, page.records(),
				page.nextCursor() == null ? null : state.nextLink(path, page.nextCursor()), state.previousLink(path));
	}

	private static Criterion quickFind(List<String> columns, String text) {
		Function<String, Criterion> arm = c -> Criterion.where(c, Operator.BeginsWith, text);
		List<Criterion> arms = new ArrayList<>(columns.stream().map(arm).toList());
		return arms.size() == 1 ? arms.get(0) : new Criterion.Group(true, arms);
	}

	public String action() {
		return "/app/" + path;
	}

	public int pageNumber() {
		return state.pageNumber();
	}

	public String find() {
		return state.find();
	}
}
