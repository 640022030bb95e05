package io.rapport.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetection;
import io.rapport.customers.DuplicateMatch;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.security.AccessControl;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Privilege;

/**
 * "Check for duplicates" on a record: the engine's duplicate detection for the record as it is stored (the same call
 * as the API's RetrieveDuplicates), listing the matches the user may read with a few key fields and, for two records
 * of one entity the user may write, a link to the merge page for the pair.
 */
@Controller
class DuplicatesPageController {

	private final Metadata metadata;
	private final Records records;
	private final Queries queries;
	private final DuplicateDetection duplicates;
	private final Names names;
	private final Sitemap sitemap;
	private final AccessControl access;
	private final CurrentPrincipal principal;

	DuplicatesPageController(Metadata metadata, Records records, Queries queries, DuplicateDetection duplicates, Names names,
			Sitemap sitemap, AccessControl access, CurrentPrincipal principal) {
		this.metadata = metadata;
		this.records = records;
		this.queries = queries;
		this.duplicates = duplicates;
		this.names = names;
		this.sitemap = sitemap;
		this.access = access;
		this.principal = principal;
	}

	/** Entities people merge (they have a master record attribute): their forms and lists offer the check. */
	static boolean checkable(EntityDefinition def) {
		return def.attribute("masterid").isPresent();
	}

	record Field(String label, String value) {
	}

	record Match(String name, String href, String kind, String rule, List<Field> fields, String mergeLink) {
	}

	@GetMapping("/app/{entity}/{id}/duplicates")
	String duplicates(@PathVariable String entity, @PathVariable UUID id, Model model) {
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		EntityRecord record = records.retrieve(who, entity, id);
		boolean canMerge = checkable(def) && sitemap.privileged(who, Privilege.Write).contains(entity);
		List<DuplicateMatch> found = duplicates.retrieveDuplicates(who, record.ref());
		List<Match> matches = new ArrayList<>();
		for (DuplicateMatch m : found) {
			EntityDefinition mdef = metadata.find(m.record().entity()).orElse(null);
			if (mdef == null) {
				continue;
			}
			List<String> cols = ViewController.defaultColumns(mdef).stream()
				.filter(c -> !c.equals(mdef.primaryNameAttribute()) && !c.equals("modifiedon"))
				.filter(c -> access.canRead(who, mdef, mdef.requireAttribute(c))).limit(4).toList();
			EntityRecord r = queries.retrieve(who, mdef.logicalName(), m.record().id(), cols).orElse(null);
			if (r == null) {
				continue;
			}
			List<RecordRef> refs = cols.stream().map(r::get).filter(RecordRef.class::isInstance).map(RecordRef.class::cast).toList();
			Map<RecordRef, String> named = names.of(who, refs);
			List<Field> fields = new ArrayList<>();
			for (String c : cols) {
				AttributeDefinition a = mdef.requireAttribute(c);
				String text = Fields.display(a, r.get(c), named);
				if (!text.isBlank()) {
					fields.add(new Field(a.displayName(), text));
				}
			}
			String mergeLink = canMerge && mdef.logicalName().equals(entity)
					? "/app/" + entity + "/selection?action=merge&ids=" + id + "&ids=" + m.record().id() : null;
			matches.add(new Match(m.name() == null || m.name().isBlank() ? "(no name)" : m.name(),
					"/app/" + mdef.logicalName() + "/" + m.record().id(), mdef.displayName(), m.ruleName(), fields, mergeLink));
		}
		String n = def.primaryNameAttribute() == null ? null : record.getString(def.primaryNameAttribute());
		model.addAttribute("entity", def);
		model.addAttribute("id", id);
		model.addAttribute("name", n == null || n.isBlank() ? "(no name)" : n);
		model.addAttribute("matches", matches);
		return "duplicates";
	}
}
