package io.rapport.metadata.internal;

import java.util.List;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rapport.metadata.InvalidDefinitionException;

/**
 * The system entity definitions, read and checked before anything touches the database: a malformed definition stops
 * the start-up with a message naming the file and the field, and the database stays as it was.
 */
@Configuration(proxyBeanMethods = false)
class SystemDefinitions {

	private final List<DefinitionCompiler.Source> sources;

	SystemDefinitions(org.springframework.core.env.Environment env) {
		String location = env.getProperty("rapport.metadata.location", DefinitionFiles.LOCATION);
		this.sources = DefinitionFiles.systemDefinitions(location);
		if (sources.isEmpty()) {
			throw new InvalidDefinitionException(location, "rapport.metadata.location", "holds no entity definition files");
		}
		DefinitionCompiler.compile(sources, List.of(), 0);
	}

	List<DefinitionCompiler.Source> sources() {
		return sources;
	}

	/** Migrates the platform tables only once the definitions have been checked. */
	@Bean
	FlywayMigrationStrategy checkDefinitionsFirst() {
		return flyway -> flyway.migrate();
	}
}
