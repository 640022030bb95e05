package io.rapport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Rapport CRM: the application entry point. */
@SpringBootApplication
@EnableScheduling
public class Rapport {

	public static void main(String[] args) {
		SpringApplication.run(Rapport.class, args);
	}
}
