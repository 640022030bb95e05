package io.rapport.metadata;

import io.rapport.core.Principal;

/**
 * Who may customize entities and attributes. {@link Customizations} asks before every change, whoever calls it (the
 * admin API, Dataverse's EntityDefinitions, the Settings pages, a job), so that no caller can skip the check; the
 * security module, which knows the principal's roles, answers.
 */
public interface CustomizationPolicy {

	/** Refuses (403) a principal who may not customize. */
	void checkCustomizer(Principal by);
}
