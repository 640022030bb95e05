package io.rapport.metadata;

/** Whether a value must be given (Dataverse's AttributeRequiredLevel). */
public enum RequiredLevel {
	None, Recommended, ApplicationRequired, SystemRequired;

	public boolean required() {
		return this == ApplicationRequired || this == SystemRequired;
	}
}
