package io.rapport.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rapport.activities.Activities;
import io.rapport.activities.Timeline;
import io.rapport.activities.TimelineEntry;
import io.rapport.activities.TimelineFilter;
import io.rapport.activities.TimelinePage;
import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.core.RecordRef;
import io.rapport.customers.DuplicateDetection;
import io.rapport.data.Records;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.AccessRight;
import io.rapport.security.CurrentPrincipal;
import io.rapport.security.Privilege;
import io.rapport.security.Sharing;

/**
 * The parts of a record page that work on related records: lookup type-ahead, the timeline with quick create, the
 * share dialog, connecting two records and adding existing records to a subgrid or the timeline. All through the
 * engine's calls with the user's principal.
 */
@Controller
class RelatedController {

	private static final Map<String, String> QUICK_KINDS = new LinkedHashMap<>();

	static {
		QUICK_KINDS.put("phonecall", "Phone call");
		QUICK_KINDS.put("task", "Task");
		QUICK_KINDS.put("annotation", "Note");
	}

	private final Metadata metadata;
	private final Queries queries;
	private final Records records;
	private final Activities activities;
	private final Timeline timeline;
	private final Sharing sharing;
	private final Names names;
	private final Sitemap sitemap;
	private final CurrentPrincipal principal;
	private final Related related;
	private final DuplicateDetection duplicates;

	RelatedController(Metadata metadata, Queries queries, Records records, Activities activities, Timeline timeline,
			Sharing sharing, Names names, Sitemap sitemap, CurrentPrincipal principal, Related related,
			DuplicateDetection duplicates) {
		this.related = related;
		this.duplicates = duplicates;
		this.metadata = metadata;
		this.queries = queries;
		this.records = records;
		this.activities = activities;
		this.timeline = timeline;
		this.sharing = sharing;
		this.names = names;
		this.sitemap = sitemap;
		this.principal = principal;
	}

	record Option(String value, String label, String kind) {
	}

	/** Records a lookup may point at whose name begins with the text, among those the user may read. */
	@GetMapping("/app/lookup")
	String lookup(@RequestParam String entity, @RequestParam String attribute, @RequestParam Map<String, String> params,
			Model model) {
		AttributeDefinition a = metadata.entity(entity).requireAttribute(attribute);
		String text = params.entrySet().stream().filter(e -> e.getKey().startsWith("t_") || e.getKey().equals("q"))
			.map(Map.Entry::getValue).findFirst().orElse("");
		model.addAttribute("options", options(principal.get(), a.targets(), text.trim()));
		return "fragments :: lookupResults";
	}

	List<Option> options(Principal who, List<String> targets, String text) {
		return options(who, targets, text, def -> null);
	}

	/** As {@link #options(Principal, List, String)}, with a further criterion per target entity (null for none). */
	List<Option> options(Principal who, List<String> targets, String text, Function<EntityDefinition, Criterion> also) {
		Set<String> readable = sitemap.readable(who);
		List<Option> options = new ArrayList<>();
		for (String target : targets) {
			EntityDefinition def = metadata.find(target).orElse(null);
			if (def == null || def.primaryNameAttribute() == null || !readable.contains(target)) {
				continue;
			}
			Query q = Query.of(target).select(def.primaryNameAttribute()).orderBy(Order.asc(def.primaryNameAttribute())).page(8);
			if (!text.isEmpty()) {
				q = q.where(Criterion.where(def.primaryNameAttribute(), Operator.BeginsWith, text));
			}
			if (def.attribute("statecode").isPresent()) {
				q = q.where(Criterion.where("statecode", Operator.Eq, 0));
			}
			Criterion extra = also.apply(def);
			if (extra != null) {
				q = q.where(extra);
			}
			for (EntityRecord r : queries.execute(who, q).records()) {
				String name = r.getString(def.primaryNameAttribute());
				options.add(new Option(target + ":" + r.id(), name == null ? "(no name)" : name, def.displayName()));
			}
		}
		return options;
	}

	/**
	 * What "add existing" relates: the records of {@code candidates}, by setting their {@code attribute} to this record
	 * (a 1:N subgrid, or an activity's regarding), or by associating them through the N:N {@code relationship}.
	 */
	private record Existing(List<EntityDefinition> candidates, String attribute, String relationship) {
	}

	private Existing existing(EntityDefinition def, String child, String attribute, String relationship) {
		if (relationship != null && !relationship.isBlank()) {
			return related.manyToMany(def).stream().filter(m -> m.getKey().schemaName().equals(relationship)).findFirst()
				.map(m -> new Existing(List.of(m.getValue()), null, relationship))
				.orElseThrow(() -> RapportException.invalid("relationship", "'" + relationship + "' does not relate "
						+ def.displayCollectionName().toLowerCase() + " to other records"));
		}
		if ("activity".equals(child) && "regardingobjectid".equals(attribute) && !related.activities(def).isEmpty()) {
			return new Existing(related.activities(def), attribute, null);
		}
		return related.children(def).stream()
			.filter(c -> c.entity().logicalName().equals(child) && c.attribute().equals(attribute)).findFirst()
			.map(c -> new Existing(List.of(c.entity()), attribute, null))
			.orElseThrow(() -> RapportException.invalid("attribute", "'" + child + "." + attribute + "' is not a subgrid of "
					+ def.displayCollectionName().toLowerCase()));
	}

	/**
	 * The type-ahead of "add existing": records of the subgrid's entity the user may read whose name begins with the
	 * text, leaving out those already related to this record.
	 */
	@GetMapping("/app/{entity}/{id}/existing")
	String existingOptions(@PathVariable String entity, @PathVariable UUID id, @RequestParam(defaultValue = "") String child,
			@RequestParam(defaultValue = "") String attribute, @RequestParam(required = false) String relationship,
			@RequestParam Map<String, String> params, Model model) {
		Principal who = principal.get();
		EntityDefinition def = metadata.entity(entity);
		EntityRecord record = records.retrieve(who, entity, id, def.primaryIdAttribute());
		Existing existing = existing(def, child, attribute, relationship);
		String text = params.entrySet().stream().filter(e -> e.getKey().startsWith("t_") || e.getKey().equals("q"))
			.map(Map.Entry::getValue).findFirst().orElse("").trim();
		List<String> targets = existing.candidates().stream().map(EntityDefinition::logicalName).toList();
		Function<EntityDefinition, Criterion> notYet;
		if (existing.relationship() != null) {
			List<Object> already = queries.related(who, record.ref(), existing.relationship()).stream()
				.map(r -> (Object) r.id()).toList();
			notYet = d -> already.isEmpty() || already.size() > 500 ? null
					: new Criterion.Condition(null, d.primaryIdAttribute(), Operator.NotIn, already);
		} else {
			notYet = d -> {
				Criterion unrelated = Criterion.or(Criterion.where(existing.attribute(), Operator.Null),
						Criterion.where(existing.attribute(), Operator.Ne, record.ref()));
				return d.logicalName().equals(entity)
						? Criterion.and(unrelated, Criterion.where(d.primaryIdAttribute(), Operator.Ne, id)) : unrelated;
			};
		}
		model.addAttribute("options", options(who, targets, text, notYet));
		return "fragments :: lookupResults";
	}

	/**
	 * Relates the chosen record: a 1:N child (or an activity) gets its lookup set to this record by an update at the
	 * version just read, an N:N one is associated. The engine checks write, append and append-to.
	 */
	@PostMapping("/app/{entity}/{id}/existing")
	String addExisting(@PathVariable String entity, @PathVariable UUID id, @RequestParam(defaultValue = "") String child,
			@RequestParam(defaultValue = "") String attribute, @RequestParam(required = false) String relationship,
			@RequestParam(name = "record", defaultValue = "") String chosen, @RequestParam(required = false) String tab) {
		Principal who = principal.get();
		EntityDefinition def = metadata.entity(entity);
		EntityRecord record = records.retrieve(who, entity, id, def.primaryIdAttribute());
		Existing existing = existing(def, child, attribute, relationship);
		int colon = chosen.indexOf(':');
		String kind = colon < 0 ? "" : chosen.substring(0, colon);
		UUID other = colon < 0 ? null : Names.uuid(chosen.substring(colon + 1));
		if (other == null || existing.candidates().stream().noneMatch(c -> c.logicalName().equals(kind))) {
			throw RapportException.invalid("record", "choose a record from the list");
		}
		RecordRef ref = new RecordRef(kind, other);
		if (existing.relationship() != null) {
			records.associate(who, record.ref(), existing.relationship(), List.of(ref));
		} else {
			EntityRecord current = records.retrieve(who, kind, other, existing.attribute(), "versionnumber");
			EntityRecord change = new EntityRecord(kind, other).set(existing.attribute(), record.ref())
				.set("versionnumber", current.version());
			// Only the lookup changes: the record's own fields, which duplicate rules compare, stay as they are.
			duplicates.suppressed(() -> {
				records.update(who, change);
				return null;
			});
		}
		// back to the form's tab the subgrid is on
		return "redirect:" + org.springframework.web.util.UriComponentsBuilder.fromPath("/app/" + entity + "/" + id)
			.queryParam("added").queryParamIfPresent("tab", java.util.Optional.ofNullable(tab).filter(t -> !t.isBlank()))
			.encode().build().toUriString();
	}

	@GetMapping("/app/{entity}/{id}/timeline")
	String timeline(@PathVariable String entity, @PathVariable UUID id, @RequestParam(required = false) String cursor,
			Model model) {
		return timelineFragment(entity, id, cursor, null, model);
	}

	@PostMapping("/app/{entity}/{id}/timeline")
	String quickCreate(@PathVariable String entity, @PathVariable UUID id, @RequestParam String type,
			@RequestParam(required = false) String subject, @RequestParam(required = false) String text, Model model) {
		Principal who = principal.get();
		metadata.entity(entity);
		RecordRef regarding = new RecordRef(entity, id);
		String error = null;
		try {
			if (subject == null || subject.isBlank()) {
				throw RapportException.invalid("subject", "give it a subject");
			}
			switch (type) {
				case "phonecall", "task" -> activities.create(who, new EntityRecord(type).set("subject", subject.trim())
					.set("description", blank(text) ? null : text).set("regardingobjectid", regarding), List.of());
				case "annotation" -> records.create(who, new EntityRecord("annotation").set("subject", subject.trim())
					.set("notetext", blank(text) ? null : text).set("objectid", regarding));
				default -> throw RapportException.invalid("type", "'" + type + "' cannot be created from the timeline");
			}
		} catch (RapportException e) {
			error = e.getMessage();
		}
		return timelineFragment(entity, id, null, error, model);
	}

	private String timelineFragment(String entity, UUID id, String cursor, String error, Model model) {
		Principal who = principal.get();
		TimelinePage page = timeline.of(who, new RecordRef(entity, id), TimelineFilter.everything(), cursor, 10);
		List<Map<String, String>> entries = new ArrayList<>();
		for (TimelineEntry t : page.entries()) {
			EntityDefinition def = metadata.entity(t.record().entity());
			Map<String, String> m = new LinkedHashMap<>();
			m.put("kind", def.displayName());
			m.put("entity", def.logicalName());
			m.put("id", t.record().id().toString());
			m.put("subject", blank(t.subject()) ? "(no subject)" : t.subject());
			m.put("when", t.createdOn() == null ? "" : t.createdOn().format(Fields.DATE_TIME));
			m.put("text", t.text());
			m.put("state", t.state() == null ? null : def.attribute("statecode").flatMap(a -> a.option(t.state()))
				.map(o -> o.label()).orElse(null));
			entries.add(m);
		}
		Set<String> creatable = sitemap.privileged(who, Privilege.Create);
		Map<String, String> kinds = new LinkedHashMap<>();
		QUICK_KINDS.forEach((k, v) -> {
			if (creatable.contains(k)) {
				kinds.put(k, v);
			}
		});
		model.addAttribute("entity", entity);
		model.addAttribute("id", id);
		model.addAttribute("entries", entries);
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("kinds", kinds);
		model.addAttribute("canLog", !kinds.isEmpty());
		model.addAttribute("quickError", error);
		return "fragments :: timeline";
	}

	record ShareRow(String granteeValue, String name, String kind, Set<AccessRight> rights) {
	}

	@GetMapping("/app/{entity}/{id}/share")
	String share(@PathVariable String entity, @PathVariable UUID id, Model model) {
		Principal who = principal.get();
		EntityDefinition def = metadata.entity(entity);
		EntityRecord record = records.retrieve(who, entity, id, def.primaryNameAttribute() == null ? new String[0]
				: new String[] { def.primaryNameAttribute() });
		List<Sharing.Share> shares = sharing.shares(who, record.ref());
		Map<RecordRef, String> named = names.of(who, shares.stream().map(Sharing.Share::grantee).toList());
		List<ShareRow> rows = shares.stream().map(s -> new ShareRow(s.grantee().entity() + ":" + s.grantee().id(),
				named.getOrDefault(s.grantee(), "(unknown)"), s.grantee().entity().equals("team") ? "Team" : "User", s.rights()))
			.toList();
		model.addAttribute("entity", def);
		model.addAttribute("id", id);
		model.addAttribute("name", def.primaryNameAttribute() == null ? def.displayName() : record.getString(def.primaryNameAttribute()));
		model.addAttribute("shares", rows);
		model.addAttribute("rights", List.of(AccessRight.values()));
		model.addAttribute("back", "/app/" + entity + "/" + id);
		model.addAttribute("action", "/app/" + entity + "/" + id + "/share");
		model.addAttribute("lookupEntity", entity);
		model.addAttribute("title", "Share " + model.getAttribute("name"));
		return "share";
	}

	@PostMapping("/app/{entity}/{id}/share")
	String grant(@PathVariable String entity, @PathVariable UUID id, @RequestParam(defaultValue = "") String grantee,
			@RequestParam(required = false) List<String> rights, @RequestParam(required = false) String revoke) {
		Principal who = principal.get();
		metadata.entity(entity);
		RecordRef record = new RecordRef(entity, id);
		if (revoke != null) {
			sharing.revoke(who, record, granteeRef(revoke));
		} else {
			if (rights == null || rights.isEmpty()) {
				throw RapportException.invalid("rights", "choose at least one right to share");
			}
			Set<AccessRight> set = EnumSet.noneOf(AccessRight.class);
			rights.forEach(r -> set.add(AccessRight.valueOf(r)));
			sharing.grant(who, record, granteeRef(grantee), set);
		}
		return "redirect:/app/" + entity + "/" + id + "/share?done";
	}

	/** The user or team a share form names ({@code systemuser:id} or {@code team:id}); anything else is refused. */
	static RecordRef granteeRef(String value) {
		int colon = value.indexOf(':');
		UUID id = colon < 0 ? null : Names.uuid(value.substring(colon + 1));
		String kind = colon < 0 ? "" : value.substring(0, colon);
		if (id == null || !(kind.equals("systemuser") || kind.equals("team"))) {
			throw RapportException.invalid("grantee", "choose a user or team from the list");
		}
		return new RecordRef(kind, id);
	}

	@GetMapping("/app/{entity}/{id}/connect")
	String connect(@PathVariable String entity, @PathVariable UUID id, Model model) {
		Principal who = principal.get();
		EntityDefinition def = metadata.entity(entity);
		EntityRecord record = records.retrieve(who, entity, id, def.primaryNameAttribute());
		Query roles = Query.of("connectionrole").select("name").where(Criterion.where("statecode", Operator.Eq, 0))
			.orderBy(Order.asc("name")).page(500);
		model.addAttribute("entity", def);
		model.addAttribute("id", id);
		model.addAttribute("name", record.getString(def.primaryNameAttribute()));
		model.addAttribute("roles", queries.execute(who, roles).records().stream()
			.map(r -> new Option(r.id().toString(), r.getString("name"), null)).toList());
		return "connect";
	}

	@PostMapping("/app/{entity}/{id}/connect")
	String connected(@PathVariable String entity, @PathVariable UUID id, @RequestParam(defaultValue = "") String other,
			@RequestParam(defaultValue = "") String role, @RequestParam(required = false) String description) {
		Principal who = principal.get();
		metadata.entity(entity);
		AttributeDefinition record2 = metadata.entity("connection").requireAttribute("record2id");
		EntityRecord connection = new EntityRecord("connection").set("record1id", new RecordRef(entity, id))
			.set("record2id", Fields.reference(record2, other))
			.set("description", blank(description) ? null : description);
		UUID roleId = Names.uuid(role);
		if (roleId != null) {
			connection.set("record1roleid", new RecordRef("connectionrole", roleId));
		}
		records.create(who, connection);
		return "redirect:/app/" + entity + "/" + id;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
