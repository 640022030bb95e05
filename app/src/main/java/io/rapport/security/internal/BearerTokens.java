package io.rapport.security.internal;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Signs in programs that send {@code Authorization: Bearer <token>} with a personal API token. */
class BearerTokens extends OncePerRequestFilter {

	private final StoredCredentials credentials;
	private final UserDirectory users;

	private final AuthenticationEntryPoint unauthorized;

	private final SecurityModel model;

	/** A checked token, valid while nothing changed in security or tokens here and for the security cache's lifetime. */
	private record Checked(SignedInUser user, long generation, long revocations, long at) {
	}

	private final java.util.Map<String, Checked> checked = new java.util.concurrent.ConcurrentHashMap<>();

	BearerTokens(StoredCredentials credentials, UserDirectory users, SecurityModel model, AuthenticationEntryPoint unauthorized) {
		this.credentials = credentials;
		this.users = users;
		this.model = model;
		this.unauthorized = unauthorized;
	}

	/**
	 * The user of a presented token. A token checked before is taken from memory, unless a user, team, role or token
	 * changed on this node since, or it was checked longer ago than the security cache's lifetime (so another node's
	 * revocation or a disabled user take effect within that time, as role changes do).
	 */
	private java.util.Optional<SignedInUser> userOf(String token) {
		long now = System.currentTimeMillis();
		String key = StoredCredentials.hash(token);
		Checked c = checked.get(key);
		if (c != null && c.generation() == model.generation() && c.revocations() == credentials.revocations()
				&& now - c.at() < model.ttlMillis()) {
			return java.util.Optional.of(c.user());
		}
		long generation = model.generation();
		long revocations = credentials.revocations();
		java.util.Optional<SignedInUser> user = credentials.userOf(token).map(users::loadById)
			.filter(SignedInUser::isEnabled);
		if (user.isPresent()) {
			if (checked.size() > 10_000) {
				checked.clear();
			}
			checked.put(key, new Checked(user.get(), generation, revocations, now));
		} else {
			checked.remove(key);
		}
		return user;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			var user = userOf(header.substring(7).trim());
			if (user.isEmpty()) {
				unauthorized.commence(request, response,
						new BadCredentialsException("The API token is unknown, revoked, or its user (or their business unit) is disabled."));
				return;
			}
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, user.get().getAuthorities()));
		}
		chain.doFilter(request, response);
	}
}
