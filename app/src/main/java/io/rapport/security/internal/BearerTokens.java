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

	BearerTokens(StoredCredentials credentials, UserDirectory users, AuthenticationEntryPoint unauthorized) {
		this.credentials = credentials;
		this.users = users;
		this.unauthorized = unauthorized;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			var user = credentials.userOf(header.substring(7).trim()).map(users::loadById);
			if (user.isEmpty()) {
				unauthorized.commence(request, response,
						new BadCredentialsException("The API token is unknown, revoked, or its user is disabled."));
				return;
			}
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, user.get().getAuthorities()));
		}
		chain.doFilter(request, response);
	}
}
