package io.rapport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
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

		private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();

		/** The literal beginning of each of a mapping's patterns (up to its first variable or wildcard). */
		private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

		@Override
		protected org.springframework.web.method.HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			// Encoded characters and path parameters are compared decoded and without parameters by the patterns;
			// such a path goes the ordinary way.
			boolean plain = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
			LOOKUP_PATH.set(plain ? lookupPath : null);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			} finally {
				LOOKUP_PATH.remove();
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String path = LOOKUP_PATH.get();
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			if (path != null && patterns != null) {
				if (!startsWithAny(path, prefixes.computeIfAbsent(info, PathFirst::literalPrefixes))
						|| patterns.getMatchingCondition(request) == null) {
					return null;
				}
			}
			return super.getMatchingMapping(info, request);
		}

		private static boolean startsWithAny(String path, String[] prefixes) {
			for (String prefix : prefixes) {
				if (path.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		}

		static String[] literalPrefixes(RequestMappingInfo info) {
			Set<PathPattern> patterns = info.getPathPatternsCondition().getPatterns();
			return patterns.stream().map(p -> literalPrefix(p.getPatternString())).toArray(String[]::new);
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
