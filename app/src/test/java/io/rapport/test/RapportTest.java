package io.rapport.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** An integration test against the running application on the suite's database (H2 or PostgreSQL). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rapport.demo-data=false", "rapport.admin-password=admin-test",
				// The suite shares one administrator across many classes; service protection has its own test.
				"rapport.api.rate-limit.requests=1000000" })
@ContextConfiguration(initializers = TestDatabase.class)
public @interface RapportTest {
}
