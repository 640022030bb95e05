package io.rapport.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers API requests that reach no controller — a wrong method on a known path (405), an unknown path (404), a
 * body or answer type nobody serves (415, 406) — in the API's error shape, as {@link ApiErrors} answers the failures
 * of its controllers. Other paths are left to Spring's defaults.
 */
@Component
class ApiRoutingErrors implements HandlerExceptionResolver, Ordered {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception e) {
		if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return null;
		}
		try {
			if (e instanceof HttpRequestMethodNotSupportedException m) {
				if (m.getSupportedHttpMethods() != null) {
					response.setHeader("Allow", String.join(", ", m.getSupportedHttpMethods().stream().map(Object::toString).toList()));
				}
				ApiErrors.write(request, response, 405, "MethodNotAllowed", "The method " + m.getMethod() + " is not allowed on "
						+ request.getRequestURI() + (m.getSupportedMethods() == null ? "." : "; use " + String.join(" or ", m.getSupportedMethods()) + "."));
			} else if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
				ApiErrors.write(request, response, 404, "NotFound", "There is nothing at " + request.getRequestURI() + ".");
			} else if (e instanceof HttpMediaTypeNotSupportedException) {
				ApiErrors.write(request, response, 415, "UnsupportedMediaType", "Send the request body as application/json.");
			} else if (e instanceof HttpMediaTypeNotAcceptableException) {
				ApiErrors.write(request, response, 406, "NotAcceptable", "The answer is JSON: accept application/json.");
			} else {
				return null;
			}
		} catch (IOException io) {
			throw new UncheckedIOException(io);
		}
		return new ModelAndView();
	}

	/** Before Spring MVC's own resolvers, which would answer with their own shape. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}
}
