package io.rapport.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a while, which password matched which stored hash. A program calling the API
 * with HTTP Basic sends the password with every request, and checking it with bcrypt cost tens of milliseconds of CPU
 * each time: more than the request itself. Only successful matches are kept, as a SHA-256 of the password and the
 * stored hash, so a wrong password still pays the full check and a changed password (a new stored hash) is checked
 * afresh. Locked-out and disabled users are refused before the password is compared, as before.
 */
final class RememberedMatches implements PasswordEncoder {

	/** How long a match is remembered, and how many at most (then they start over). */
	static final long TTL_MILLIS = 10 * 60 * 1000L;
	private static final int MAX_REMEMBERED = 10_000;

	private final PasswordEncoder delegate;
	private final Map<String, Long> matched = new ConcurrentHashMap<>();

	RememberedMatches(PasswordEncoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return delegate.matches(rawPassword, encodedPassword);
		}
		String key = key(rawPassword, encodedPassword);
		long now = System.currentTimeMillis();
		Long until = matched.get(key);
		if (until != null && until > now) {
			return true;
		}
		boolean matches = delegate.matches(rawPassword, encodedPassword);
		if (matches) {
			if (matched.size() >= MAX_REMEMBERED) {
				matched.clear();
			}
			matched.put(key, now + TTL_MILLIS);
		} else if (until != null) {
			matched.remove(key);
		}
		return matches;
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return delegate.upgradeEncoding(encodedPassword);
	}

	private static String key(CharSequence rawPassword, String encodedPassword) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			sha.update((byte) 0);
			sha.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(sha.digest());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", e);
		}
	}
}
