package io.rapport.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.rapport.security.CurrentPrincipal;

/** What every page of the web application shows around its content: the organization, the user and the navigation. */
@ControllerAdvice(basePackageClasses = Chrome.class)
class Chrome {

	private final Sitemap sitemap;
	private final CurrentPrincipal principal;
	private final String organization;

	Chrome(Sitemap sitemap, CurrentPrincipal principal, @Value("${rapport.organization-name:Rapport Demo}") String organization) {
		this.sitemap = sitemap;
		this.principal = principal;
		this.organization = organization;
	}

	@ModelAttribute
	void chrome(Model model, jakarta.servlet.http.HttpServletRequest request) {
		model.addAttribute("organization", organization);
		if (request.getHeader("HX-Request") != null) {
			return; // a fragment swapped into a page that already has its navigation
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
			model.addAttribute("user", auth.getName());
			model.addAttribute("admin", auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")));
			model.addAttribute("areas", sitemap.areas(principal.get()));
		}
	}
}
