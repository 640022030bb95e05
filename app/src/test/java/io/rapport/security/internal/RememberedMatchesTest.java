package io.rapport.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberedMatchesTest {

	/** Stands in for bcrypt: counts the full checks. */
	private static final class Counting implements PasswordEncoder {

		final AtomicInteger checks = new AtomicInteger();

		@Override
		public String encode(CharSequence raw) {
			return "{plain}" + raw;
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			checks.incrementAndGet();
			return encoded.equals("{plain}" + raw);
		}
	}

	@Test
	void aMatchIsCheckedInFullOnceAndAWrongOrChangedPasswordEveryTime() {
		Counting full = new Counting();
		RememberedMatches encoder = new RememberedMatches(full);
		String stored = encoder.encode("secret-1");

		assertThat(encoder.matches("secret-1", stored)).isTrue();
		assertThat(encoder.matches("secret-1", stored)).isTrue();
		assertThat(encoder.matches("secret-1", stored)).isTrue();
		assertThat(full.checks).hasValue(1);

		assertThat(encoder.matches("wrong", stored)).isFalse();
		assertThat(encoder.matches("wrong", stored)).isFalse();
		assertThat(full.checks).hasValue(3);

		String changed = encoder.encode("secret-2");
		assertThat(encoder.matches("secret-1", changed)).as("the old password against the new stored hash").isFalse();
		assertThat(encoder.matches("secret-2", changed)).isTrue();
		assertThat(full.checks).hasValue(5);
	}
}
