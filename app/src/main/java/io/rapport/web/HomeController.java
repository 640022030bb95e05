package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Criterion;
import io.rapport.query.Operator;
import io.rapport.query.Order;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;

/** The home page: the user's open activities (soonest due first) and the records they changed last. */
@Controller
class HomeController {

	private static final List<String> ACTIVITIES = List.of("phonecall", "task", "appointment", "email", "letter", "fax");
	private static final List<String> RECENT = List.of("account", "contact");

	private final Metadata metadata;
	private final Queries queries;
	private final Sitemap sitemap;
	private final CurrentPrincipal principal;

	HomeController(Metadata metadata, Queries queries, Sitemap sitemap, CurrentPrincipal principal) {
		this.metadata = metadata;
		this.queries = queries;
		this.sitemap = sitemap;
		this.principal = principal;
	}

	record Item(String kind, String title, String href, String detail, String sortKey) {
	}

	@GetMapping("/")
	String home(Model model) {
		Principal who = principal.get();
		Set<String> readable = sitemap.readable(who);
		List<Item> activities = new ArrayList<>();
		for (String type : ACTIVITIES) {
			EntityDefinition def = metadata.find(type).orElse(null);
			if (def == null || !readable.contains(type)) {
				continue;
			}
			Query q = Query.of(type).select("subject", "scheduledend")
				.where(Criterion.and(Criterion.where("ownerid", Operator.EqUserId), Criterion.where("statecode", Operator.Eq, 0)))
				.orderBy(Order.desc("createdon")).page(10);
			for (EntityRecord r : execute(who, q)) {
				Object due = r.get("scheduledend");
				String dueText = due == null ? null : "due " + Fields.display(def.requireAttribute("scheduledend"), due, java.util.Map.of());
				activities.add(new Item(def.displayName(), title(r.getString("subject")), "/app/" + type + "/" + r.id(), dueText,
						due == null ? "~" : dueText));
			}
		}
		activities.sort(Comparator.comparing(Item::sortKey));
		List<Item> recent = new ArrayList<>();
		for (String type : RECENT) {
			EntityDefinition def = metadata.find(type).orElse(null);
			if (def == null || !readable.contains(type)) {
				continue;
			}
			Query q = Query.of(type).select(def.primaryNameAttribute(), "modifiedon")
				.where(Criterion.where("modifiedby", Operator.EqUserId))
				.orderBy(Order.desc("modifiedon")).page(8);
			for (EntityRecord r : execute(who, q)) {
				String on = Fields.display(def.requireAttribute("modifiedon"), r.get("modifiedon"), java.util.Map.of());
				recent.add(new Item(def.displayName(), title(r.getString(def.primaryNameAttribute())),
						"/app/" + type + "/" + r.id(), on, on));
			}
		}
		recent.sort(Comparator.comparing(Item::sortKey).reversed());
		model.addAttribute("activities", activities.subList(0, Math.min(15, activities.size())));
		model.addAttribute("recent", recent.subList(0, Math.min(12, recent.size())));
		return "home";
	}

	private List<EntityRecord> execute(Principal who, Query q) {
		try {
			return queries.execute(who, q).records();
		} catch (RapportException e) {
			return List.of();
		}
	}

	private static String title(String s) {
		return s == null || s.isBlank() ? "(no name)" : s;
	}
}
