package io.rapport.security.internal;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends the browser session of a user who was disabled, or whose business unit (or one above it) was disabled, after
 * they signed in: their next request signs them out and lands on the sign-in page, which says why. The check reads
 * the security model's cache, so it costs no query per request; a change on this node applies at once, another node's
 * within the cache's lifetime.
 */
class DisabledSessions extends OncePerRequestFilter {

	private final SecurityModel model;

	DisabledSessions(SecurityModel model) {
		this.model = model;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SignedInUser user && !user.principal().isSystem()) {
			UserAccess access = model.user(user.userId());
			if (access.disabled()) {
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
				String target = request.getContextPath() + "/login?disabled=" + (access.unitDisabled() ? "unit" : "user");
				if (request.getHeader("HX-Request") != null) {
					response.setHeader("HX-Redirect", target);
					response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				} else {
					response.sendRedirect(target);
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** Where the sign-in form sends a disabled user: the sign-in page, saying whether the user or their unit is disabled. */
	static String signInRefusal(UserDirectory users, String username) {
		try {
			SignedInUser user = users.loadUserByUsername(username);
			return "/login?disabled=" + (user.unitDisabled() ? "unit" : "user");
		} catch (RuntimeException e) {
			return "/login?error";
		}
	}
}
