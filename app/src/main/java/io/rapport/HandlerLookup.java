package io.rapport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds a request's controller method by its path first. Spring MVC tries every mapping that no literal path matches
 * (every record URL of the API, every page of a record) against the request, checking method, headers and media types
 * before the path, so each request paid for all of the application's mappings: a fifth of a read by id. Here a
 * mapping whose patterns' literal leading segments cannot start the path is passed over at once, and the path pattern is
 * checked before the other conditions; which mapping wins is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class HandlerLookup {

	@Bean
	WebMvcRegistrations pathFirstHandlerLookup() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new PathFirst();
			}
		};
	}

	static final class PathFirst extends RequestMappingHandlerMapping {

		/** The request being looked up: its path as a string, and as the patterns match it. */
		private record Lookup(String path, PathContainer container) {
		}

		/** A mapping's patterns and the literal beginning of each (up to the segment of its first variable). */
		private record Paths(String[] prefixes, PathPattern[] patterns) {

			static Paths of(RequestMappingInfo info) {
				PathPattern[] patterns = info.getPathPatternsCondition().getPatterns().toArray(PathPattern[]::new);
				String[] prefixes = new String[patterns.length];
				for (int i = 0; i < patterns.length; i++) {
					prefixes[i] = literalPrefix(patterns[i].getPatternString());
				}
				return new Paths(prefixes, patterns);
			}

			boolean match(Lookup lookup) {
				for (int i = 0; i < patterns.length; i++) {
					if (lookup.path().startsWith(prefixes[i]) && patterns[i].matches(lookup.container())) {
						return true;
					}
				}
				return false;
			}
		}

		private static final ThreadLocal<Lookup> LOOKUP = new ThreadLocal<>();

		private final Map<RequestMappingInfo, Paths> paths = new ConcurrentHashMap<>();

		@Override
		protected org.springframework.web.method.HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			// Encoded characters and path parameters are compared decoded and without parameters by the patterns;
			// such a path goes the ordinary way.
			boolean plain = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0
					&& ServletRequestPathUtils.hasParsedRequestPath(request);
			LOOKUP.set(plain ? new Lookup(lookupPath, ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()) : null);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			} finally {
				LOOKUP.remove();
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			Lookup lookup = LOOKUP.get();
			if (lookup != null && info.getPathPatternsCondition() != null
					&& !paths.computeIfAbsent(info, Paths::of).match(lookup)) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		/**
		 * The pattern's whole literal segments before its first variable or wildcard: {@code /a/b/**} also matches
		 * {@code /a/b}, so the slash before a variable segment is not part of it.
		 */
		static String literalPrefix(String pattern) {
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				if (c == '{' || c == '*' || c == '?' || c == '\\') {
					return pattern.substring(0, Math.max(0, pattern.lastIndexOf('/', i)));
				}
			}
			return pattern;
		}
	}
}
