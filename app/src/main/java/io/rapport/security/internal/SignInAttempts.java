package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.Principal;
import io.rapport.security.SecurityEvent;

/**
 * Counts failed sign-ins and locks the user out for a while after too many in a row; a successful sign-in resets
 * the count. Every attempt goes into the change history.
 */
@Component
class SignInAttempts {

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	private final ApplicationEventPublisher events;
	private final int maxFailures;
	private final int lockoutMinutes;

	SignInAttempts(DSLContext dsl, TransactionTemplate tx, ApplicationEventPublisher events,
			@Value("${rapport.security.max-failed-sign-ins:5}") int maxFailures,
			@Value("${rapport.security.lockout-minutes:15}") int lockoutMinutes) {
		this.dsl = dsl;
		this.tx = tx;
		this.events = events;
		this.maxFailures = maxFailures;
		this.lockoutMinutes = lockoutMinutes;
	}

	/**
	 * A program on the API with HTTP Basic signs in with every request; its sign-in goes into the history once per
	 * user in this long, not once per request (a person's sign-in on the form always does).
	 */
	static final long API_SIGN_IN_RECORDED_EVERY_MILLIS = 15 * 60 * 1000L;

	private final java.util.Map<UUID, Long> apiSignInRecorded = new java.util.concurrent.ConcurrentHashMap<>();

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (!(event.getAuthentication().getPrincipal() instanceof SignedInUser user)) {
			return;
		}
		long now = System.currentTimeMillis();
		boolean record = true;
		if (apiRequest()) {
			Long last = apiSignInRecorded.get(user.userId());
			record = last == null || now - last >= API_SIGN_IN_RECORDED_EVERY_MILLIS;
			if (record) {
				apiSignInRecorded.put(user.userId(), now);
			}
		}
		boolean recorded = record;
		tx.executeWithoutResult(s -> {
			// a success ends a run of failures; most sign-ins have none to reset, and then write nothing
			dsl.update(table(name("rapport_credential")))
				.set(field(name("failedattempts"), Integer.class), 0)
				.set(field(name("lockeduntil"), OffsetDateTime.class), (OffsetDateTime) null)
				.where(field(name("systemuserid"), UUID.class).eq(user.userId()))
				.and(field(name("failedattempts"), Integer.class).ne(0).or(field(name("lockeduntil")).isNotNull()))
				.execute();
			if (recorded) {
				events.publishEvent(new SecurityEvent("SignIn", user.userId(), "signed in"));
			}
		});
	}

	private static boolean apiRequest() {
		return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
				instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
				&& attributes.getRequest().getRequestURI().startsWith(attributes.getRequest().getContextPath() + "/api/");
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		String username = String.valueOf(event.getAuthentication().getName());
		tx.executeWithoutResult(s -> {
			UUID userId = dsl.select(field(name("systemuserid"), UUID.class))
				.from(table(name("systemuser")))
				.where(lower(field(name("domainname"), String.class)).eq(username.toLowerCase()))
				.fetchOne(0, UUID.class);
			if (userId == null) {
				events.publishEvent(new SecurityEvent("SignInFailed", Principal.SYSTEM_USER_ID,
						"unknown user name " + username.substring(0, Math.min(username.length(), 100))));
				return;
			}
			Integer failures = dsl.select(field(name("failedattempts"), Integer.class))
				.from(table(name("rapport_credential")))
				.where(field(name("systemuserid"), UUID.class).eq(userId))
				.fetchOne(0, Integer.class);
			int count = (failures == null ? 0 : failures) + 1;
			boolean lock = count >= maxFailures;
			dsl.update(table(name("rapport_credential")))
				.set(field(name("failedattempts"), Integer.class), lock ? 0 : count)
				.set(field(name("lockeduntil"), OffsetDateTime.class),
						lock ? OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(lockoutMinutes) : null)
				.where(field(name("systemuserid"), UUID.class).eq(userId))
				.and(field(name("lockeduntil")).isNull().or(field(name("lockeduntil"), OffsetDateTime.class).lt(OffsetDateTime.now(ZoneOffset.UTC))))
				.execute();
			events.publishEvent(new SecurityEvent(lock ? "LockedOut" : "SignInFailed", userId,
					event.getException().getClass().getSimpleName().replace("Exception", "")));
		});
	}
}
