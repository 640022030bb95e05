package io.rapport.api.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Dataverse-style service protection for {@code /api/**}: each user may send {@code requests} requests per
 * {@code window} (a token bucket: a full window's worth at once, then refilled steadily) and have at most
 * {@code concurrent} requests in progress. Beyond either, 429 with {@code Retry-After} in seconds and Dataverse's error
 * codes. The counts are kept per node, in memory: behind a load balancer with n nodes a user may get up to n times
 * the limit. Lock-free: one compare-and-set per request.
 */
@Component
class ServiceProtection extends OncePerRequestFilter {

	/** Dataverse's error codes: "Number of requests exceeded the limit" and "Number of concurrent requests exceeded the limit". */
	static final String REQUESTS_EXCEEDED = "0x80072322";
	static final String CONCURRENCY_EXCEEDED = "0x80072326";

	private static final int FORGET_AFTER_USERS = 10_000;

	private final int requests;
	private final Duration window;
	private final int concurrent;
	private final long windowNanos;
	private final long intervalNanos;
	private final ConcurrentHashMap<String, Allowance> users = new ConcurrentHashMap<>();

	ServiceProtection(@Value("${rapport.api.rate-limit.requests:6000}") int requests,
			@Value("${rapport.api.rate-limit.window:300s}") Duration window,
			@Value("${rapport.api.rate-limit.concurrent:52}") int concurrent) {
		this.requests = requests;
		this.window = window;
		this.concurrent = concurrent;
		this.windowNanos = window.toNanos();
		this.intervalNanos = requests > 0 ? Math.max(1, windowNanos / requests) : 0;
	}

	/** One user's allowance: when their bucket would be full again (GCRA's theoretical arrival time), and requests in flight. */
	private static final class Allowance {

		final AtomicLong fullAt;
		final AtomicInteger inFlight = new AtomicInteger();

		Allowance(long now) {
			fullAt = new AtomicLong(now);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return (requests <= 0 && concurrent <= 0) || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		long now = System.nanoTime();
		Allowance allowance = allowance(user.getName(), now);
		long wait = requests > 0 ? take(allowance, now) : 0;
		if (wait > 0) {
			refuse(request, response, wait, REQUESTS_EXCEEDED, "Number of requests exceeded the limit of " + requests
					+ " over time window of " + window.toSeconds() + " seconds.");
			return;
		}
		if (concurrent <= 0) {
			chain.doFilter(request, response);
			return;
		}
		if (allowance.inFlight.incrementAndGet() > concurrent) {
			allowance.inFlight.decrementAndGet();
			refuse(request, response, TimeUnit.SECONDS.toNanos(1), CONCURRENCY_EXCEEDED,
					"Number of concurrent requests exceeded the limit of " + concurrent + ".");
			return;
		}
		try {
			chain.doFilter(request, response);
		} finally {
			allowance.inFlight.decrementAndGet();
		}
	}

	private Allowance allowance(String user, long now) {
		Allowance allowance = users.get(user);
		if (allowance == null) {
			if (users.size() > FORGET_AFTER_USERS) {
				// A full bucket with nothing in flight is the same as none: forget it.
				users.values().removeIf(a -> a.fullAt.get() - now <= 0 && a.inFlight.get() == 0);
			}
			allowance = users.computeIfAbsent(user, u -> new Allowance(now));
		}
		return allowance;
	}

	/** Takes one request from the bucket; returns 0, or how many nanoseconds until one can be taken. */
	private long take(Allowance allowance, long now) {
		while (true) {
			long fullAt = allowance.fullAt.get();
			long next = (fullAt - now > 0 ? fullAt : now) + intervalNanos;
			if (next - now > windowNanos) {
				return next - now - windowNanos;
			}
			if (allowance.fullAt.compareAndSet(fullAt, next)) {
				return 0;
			}
		}
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, long waitNanos, String code,
			String message) throws IOException {
		long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
		response.setHeader("Retry-After", Long.toString(seconds));
		ApiErrors.write(request, response, 429, code, message);
	}
}
