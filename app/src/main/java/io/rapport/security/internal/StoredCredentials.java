package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.security.Credentials;
import io.rapport.security.SecurityEvent;

/** Passwords hashed with bcrypt (Spring Security's delegating encoder); API tokens stored as SHA-256 hashes. */
@Component
class StoredCredentials implements Credentials {

	private static final long TOUCH_EVERY_MS = 60_000;

	private final java.util.Map<UUID, Long> lastTouched = new java.util.concurrent.ConcurrentHashMap<>();
	private final java.util.concurrent.atomic.AtomicLong revocations = new java.util.concurrent.atomic.AtomicLong();

	static final String TOKEN_PREFIX = "rpt_";

	private static final org.jooq.Table<?> CREDENTIAL = table(name("rapport_credential"));
	private static final org.jooq.Table<?> TOKEN = table(name("rapport_token"));

	private final DSLContext dsl;
	private final TransactionTemplate tx;
	private final PasswordEncoder passwords;
	private final SecurityModel model;
	private final ApplicationEventPublisher events;
	private final SecureRandom random = new SecureRandom();

	StoredCredentials(DSLContext dsl, TransactionTemplate tx, PasswordEncoder passwords, SecurityModel model,
			ApplicationEventPublisher events) {
		this.dsl = dsl;
		this.tx = tx;
		this.passwords = passwords;
		this.model = model;
		this.events = events;
	}

	@Override
	public void setPassword(Principal by, UUID userId, String password) {
		if (!by.isSystem() && !by.userId().equals(userId) && !model.user(by.userId()).administrator()) {
			throw RapportException.forbidden("Only the user themself or an administrator sets a password.");
		}
		if (password == null || password.length() < 8 || password.length() > 200) {
			throw RapportException.invalid("password", "must be 8 to 200 characters long");
		}
		if (!dsl.fetchExists(table(name("systemuser")), field(name("systemuserid"), UUID.class).eq(userId))) {
			throw RapportException.notFound("systemuser", userId);
		}
		String hash = passwords.encode(password);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		tx.executeWithoutResult(s -> {
			int updated = dsl.update(CREDENTIAL)
				.set(field(name("passwordhash"), String.class), hash)
				.set(field(name("failedattempts"), Integer.class), 0)
				.set(field(name("lockeduntil"), OffsetDateTime.class), (OffsetDateTime) null)
				.set(field(name("changedon"), OffsetDateTime.class), now)
				.where(field(name("systemuserid"), UUID.class).eq(userId))
				.execute();
			if (updated == 0) {
				dsl.insertInto(CREDENTIAL)
					.set(field(name("systemuserid"), UUID.class), userId)
					.set(field(name("passwordhash"), String.class), hash)
					.set(field(name("changedon"), OffsetDateTime.class), now)
					.execute();
			}
			events.publishEvent(new SecurityEvent("PasswordChanged", userId, "by " + by.userId()));
		});
	}

	@Override
	public IssuedToken createToken(Principal owner, String name) {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw RapportException.invalid("name", "give the token a name of 1 to 100 characters");
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		UUID id = store(owner.userId(), name.trim(), token);
		return new IssuedToken(id, name.trim(), token);
	}

	UUID store(UUID userId, String name, String token) {
		UUID id = UUID.randomUUID();
		tx.executeWithoutResult(s -> {
			dsl.insertInto(TOKEN)
				.set(field(name("tokenid"), UUID.class), id)
				.set(field(name("systemuserid"), UUID.class), userId)
				.set(field(name("name"), String.class), name)
				.set(field(name("tokenhash"), String.class), hash(token))
				.set(field(name("createdon"), OffsetDateTime.class), OffsetDateTime.now(ZoneOffset.UTC))
				.execute();
			events.publishEvent(new SecurityEvent("TokenCreated", userId, name));
		});
		return id;
	}

	@Override
	public List<TokenInfo> tokens(Principal owner) {
		return dsl.select(field(name("tokenid"), UUID.class), field(name("name"), String.class),
				field(name("createdon"), OffsetDateTime.class), field(name("lastusedon"), OffsetDateTime.class),
				field(name("revokedon"), OffsetDateTime.class))
			.from(TOKEN)
			.where(field(name("systemuserid"), UUID.class).eq(owner.userId()))
			.orderBy(field(name("createdon")).desc())
			.fetch(r -> new TokenInfo(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
	}

	@Override
	public void revokeToken(Principal owner, UUID tokenId) {
		tx.executeWithoutResult(s -> {
			int n = dsl.update(TOKEN)
				.set(field(name("revokedon"), OffsetDateTime.class), OffsetDateTime.now(ZoneOffset.UTC))
				.where(field(name("tokenid"), UUID.class).eq(tokenId))
				.and(field(name("systemuserid"), UUID.class).eq(owner.userId()))
				.and(field(name("revokedon")).isNull())
				.execute();
			if (n == 0) {
				throw new RapportException(404, "TokenNotFound", "You have no active token with the id " + tokenId + ".");
			}
			revocations.incrementAndGet();
			events.publishEvent(new SecurityEvent("TokenRevoked", owner.userId(), tokenId.toString()));
		});
	}

	/** The user a presented token belongs to, if the token is known, not revoked and its user is enabled. */
	Optional<UUID> userOf(String token) {
		if (token == null || !token.startsWith(TOKEN_PREFIX) && token.length() < 16) {
			return Optional.empty();
		}
		String hash = hash(token);
		Record row = dsl.select(field(name("t", "tokenid"), UUID.class), field(name("t", "systemuserid"), UUID.class))
			.from(TOKEN.as("t"))
			.join(table(name("systemuser")).as("u"))
			.on(field(name("u", "systemuserid"), UUID.class).eq(field(name("t", "systemuserid"), UUID.class)))
			.where(field(name("t", "tokenhash"), String.class).eq(hash))
			.and(field(name("t", "revokedon")).isNull())
			.and(field(name("u", "isdisabled"), Boolean.class).isFalse().or(field(name("u", "isdisabled")).isNull()))
			.fetchOne();
		if (row == null) {
			return Optional.empty();
		}
		touch(row.get(0, UUID.class));
		return Optional.of(row.get(1, UUID.class));
	}

	/**
	 * Records when a token was last used, at most once a minute per token and node: a write per request would make
	 * every call of a busy integration wait on the same row.
	 */
	void touch(UUID tokenId) {
		long now = System.currentTimeMillis();
		Long before = lastTouched.get(tokenId);
		boolean due = before == null ? lastTouched.putIfAbsent(tokenId, now) == null
				: now - before >= TOUCH_EVERY_MS && lastTouched.replace(tokenId, before, now);
		if (!due) {
			return;
		}
		dsl.update(TOKEN)
			.set(field(name("lastusedon"), OffsetDateTime.class), OffsetDateTime.now(ZoneOffset.UTC))
			.where(field(name("tokenid"), UUID.class).eq(tokenId))
			.execute();
	}

	/** Changes with every revocation on this node, so that cached token checks are made again. */
	long revocations() {
		return revocations.get();
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
