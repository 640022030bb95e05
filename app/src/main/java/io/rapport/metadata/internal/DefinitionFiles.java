package io.rapport.metadata.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.rapport.metadata.EntitySpec;
import io.rapport.metadata.EntitySpec.AttributeSpec;
import io.rapport.metadata.DefinitionJson;

/** Reads entity definitions: the system ones shipped as resource files, and customizations stored as JSON. */
final class DefinitionFiles {

	static final String LOCATION = "classpath*:rapport/entities/**/*.json";

	private DefinitionFiles() {
	}

	static List<DefinitionCompiler.Source> systemDefinitions(String location) {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(location);
			List<Resource> sorted = new ArrayList<>(Arrays.asList(resources));
			sorted.sort(Comparator.comparing(Resource::getFilename));
			List<DefinitionCompiler.Source> sources = new ArrayList<>();
			for (Resource resource : sorted) {
				try (InputStream in = resource.getInputStream()) {
					sources.add(new DefinitionCompiler.Source(resource.getFilename(), parse(resource.getFilename(), in.readAllBytes()), false));
				}
			}
			return sources;
		} catch (IOException e) {
			throw new IllegalStateException("Cannot read the entity definitions at " + location, e);
		}
	}

	static EntitySpec parse(String source, byte[] json) {
		return DefinitionJson.entity(source, json);
	}

	static AttributeSpec parseAttribute(String source, byte[] json) {
		return DefinitionJson.attribute(source, json);
	}

	static String write(Object spec) {
		return DefinitionJson.write(spec);
	}
}
