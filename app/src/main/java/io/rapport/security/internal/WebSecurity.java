package io.rapport.security.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Sign-in for people (form login; sessions live in the database, so any node serves any request; CSRF tokens on
 * forms) and for programs on the API (personal API tokens as {@code Authorization: Bearer}, or HTTP Basic). Everything but the
 * health probe, the sign-in page and static assets needs a signed-in user; the admin API and the web application's
 * settings pages need an administrator. The sign-in page itself is the web module's.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

	@Bean
	PasswordEncoder passwordEncoder() {
		return new RememberedMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
	}

	/**
	 * No observation of each security filter, authentication and authorization: it wrapped every filter of every
	 * request in timers, a large share of a small API call. HTTP requests stay observed as a whole.
	 */
	@Bean
	org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain apiChain(HttpSecurity http, StoredCredentials credentials, UserDirectory users, SecurityModel model,
			ObjectProvider<AuthenticationEntryPoint> apiEntryPoint, ObjectProvider<AccessDeniedHandler> apiDenied)
			throws Exception {
		RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		// The API module answers refusals in the API's error shape; without it, a bare status.
		AuthenticationEntryPoint unauthorized = apiEntryPoint.getIfAvailable(() -> new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
		AccessDeniedHandler denied = apiDenied.getIfAvailable(AccessDeniedHandlerImpl::new);
		http.securityMatcher(api)
			.authorizeHttpRequests(a -> a.requestMatchers("/api/admin/**").hasRole("ADMIN").anyRequest().authenticated())
			.httpBasic(b -> b.authenticationEntryPoint(unauthorized))
			.csrf(c -> c.disable())
			// A stateless API needs none of these, and each would wrap or inspect every request: no saved request to
			// return to, no logout, no anonymous user (an unauthenticated call gets the 401 challenge), no servlet
			// API wrapper (the principal comes from CurrentPrincipal).
			.requestCache(r -> r.disable())
			.logout(l -> l.disable())
			.anonymous(a -> a.disable())
			.servletApi(s -> s.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
			.exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
			.addFilterBefore(new BearerTokens(credentials, users, model, unauthorized),
					org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	SecurityFilterChain webChain(HttpSecurity http, SecurityModel model, UserDirectory users) throws Exception {
		http.authorizeHttpRequests(a -> a
				.requestMatchers("/actuator/health/**", "/actuator/health", "/login", "/css/**", "/js/**", "/webjars/**", "/favicon.svg",
						"/error", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
				.permitAll()
				.requestMatchers("/actuator/**", "/app/settings/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
				.failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
						+ (e instanceof org.springframework.security.authentication.DisabledException
								? DisabledSessions.signInRefusal(users, request.getParameter("username")) : "/login?error"))))
			.logout(l -> l.logoutSuccessUrl("/login?logout"))
			.addFilterBefore(new DisabledSessions(model), org.springframework.security.web.access.intercept.AuthorizationFilter.class);
		return http.build();
	}
}
