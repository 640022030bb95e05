package io.rapport.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.rapport.core.Principal;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.query.Queries;
import io.rapport.query.Query;
import io.rapport.security.CurrentPrincipal;

/** The home page: what the organization holds, entity by entity, as far as the signed-in user may see it. */
@Controller
class HomeController {

	private final Metadata metadata;
	private final Queries queries;
	private final CurrentPrincipal principal;
	private final String organization;

	HomeController(Metadata metadata, Queries queries, CurrentPrincipal principal,
			@Value("${rapport.organization-name:Rapport Demo}") String organization) {
		this.metadata = metadata;
		this.queries = queries;
		this.principal = principal;
		this.organization = organization;
	}

	record EntityCount(String displayName, String entitySetName, String logicalName, long count, boolean capped,
			boolean custom) {
	}

	@GetMapping("/")
	String home(Model model, java.security.Principal user) {
		Principal who = principal.get();
		List<EntityCount> counts = metadata.entities()
			.stream()
			.sorted(Comparator.comparing(EntityDefinition::displayCollectionName))
			.map(e -> {
				long n = queries.count(who, Query.of(e.logicalName()));
				return new EntityCount(e.displayCollectionName(), e.entitySetName(), e.logicalName(),
						Math.min(n, Queries.COUNT_CAP), n > Queries.COUNT_CAP, e.custom());
			})
			.toList();
		model.addAttribute("organization", organization);
		model.addAttribute("user", user.getName());
		model.addAttribute("entities", counts);
		return "home";
	}
}
