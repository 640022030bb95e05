package io.rapport.api.web;

import java.io.IOException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The API's answer when the security chain refuses a request: 401 without valid credentials, 403 when the signed-in
 * user may not use the path at all — in Dataverse's error shape under /api/data, problem details elsewhere.
 */
@Component
class ApiAuthenticationErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		// Both schemes the API accepts, so clients that answer a challenge (e.g. Apache HttpClient's Basic) can sign in.
		response.setHeader("WWW-Authenticate", "Bearer realm=\"Rapport\"");
		response.addHeader("WWW-Authenticate", "Basic realm=\"Rapport\"");
		String how = "Send an API token as Authorization: Bearer <token>, or HTTP Basic credentials.";
		ApiErrors.write(request, response, 401, "Unauthorized", e instanceof InsufficientAuthenticationException
				? "The request is not signed in. " + how : "The credentials were refused (" + e.getMessage() + "). " + how);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
			throws IOException {
		ApiErrors.write(request, response, 403, "AccessDenied", "You do not have the privilege for " + request.getRequestURI() + ".");
	}
}
