package io.rapport.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import jakarta.servlet.FilterChain;

class ServiceProtectionTest {

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private static MockHttpServletResponse call(ServiceProtection filter, String user, FilterChain chain) throws Exception {
		SecurityContextHolder.getContext().setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(user, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/data/v9.2/accounts");
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, chain);
		SecurityContextHolder.clearContext();
		return response;
	}

	@Test
	void aUserGetsAWindowsWorthOfRequestsAtOnceThenWaitsForTheBucketToRefill() throws Exception {
		ServiceProtection filter = new ServiceProtection(5, Duration.ofSeconds(60), 0);
		for (int i = 0; i < 5; i++) {
			assertThat(call(filter, "ada", (q, r) -> { }).getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse refused = call(filter, "ada", (q, r) -> { });
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(Long.parseLong(refused.getHeader("Retry-After"))).as("one request's share of the window").isBetween(11L, 12L);
		assertThat(refused.getContentAsString()).contains("0x80072322").contains("limit of 5 over time window of 60 seconds");
		assertThat(call(filter, "grace", (q, r) -> { }).getStatus()).as("another user has a bucket of their own").isEqualTo(200);
	}

	@Test
	void theBucketRefillsAtTheWindowsRate() throws Exception {
		ServiceProtection filter = new ServiceProtection(10, Duration.ofMillis(500), 0);
		for (int i = 0; i < 10; i++) {
			assertThat(call(filter, "ada", (q, r) -> { }).getStatus()).isEqualTo(200);
		}
		assertThat(call(filter, "ada", (q, r) -> { }).getStatus()).isEqualTo(429);
		TimeUnit.MILLISECONDS.sleep(120);
		assertThat(call(filter, "ada", (q, r) -> { }).getStatus()).as("50 ms per request refilled").isEqualTo(200);
	}

	@Test
	void requestsBeyondTheConcurrencyCapAreRefusedWhileOthersAreInProgress() throws Exception {
		ServiceProtection filter = new ServiceProtection(0, Duration.ofSeconds(60), 2);
		CountDownLatch started = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		FilterChain slow = (q, r) -> {
			started.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		};
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<MockHttpServletResponse>> running = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				running.add(pool.submit(() -> call(filter, "ada", slow)));
			}
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			MockHttpServletResponse third = call(filter, "ada", (q, r) -> { });
			assertThat(third.getStatus()).isEqualTo(429);
			assertThat(third.getHeader("Retry-After")).isEqualTo("1");
			assertThat(third.getContentAsString()).contains("0x80072326");
			release.countDown();
			for (Future<MockHttpServletResponse> f : running) {
				assertThat(f.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
			}
			assertThat(call(filter, "ada", (q, r) -> { }).getStatus()).as("the slots are free again").isEqualTo(200);
		} finally {
			release.countDown();
			pool.shutdownNow();
		}
	}
}
