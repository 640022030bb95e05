package io.rapport.metadata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One attribute (column) of an entity. Only the fields that matter for its type are set; the rest stay null.
 *
 * @param targets     entity logical names a lookup may point to (Lookup: usually one; Customer: account and contact)
 * @param options     values of a choice, state or status attribute
 * @param maxLength   for text
 * @param precision   digits after the decimal point for Decimal and Money
 * @param defaultValue the value a create gets when none is given (JSON-compatible literal)
 * @param secured   whether field security profiles decide who may read, create and update it
 */
public record AttributeDefinition(String logicalName, String displayName, AttributeType type, RequiredLevel requiredLevel,
		StringFormat format, Integer maxLength, Integer precision, BigDecimal minValue, BigDecimal maxValue,
		List<OptionDefinition> options, List<String> targets, Object defaultValue, boolean custom, boolean system,
		String description, boolean secured) {

	public AttributeDefinition {
		requiredLevel = requiredLevel == null ? RequiredLevel.None : requiredLevel;
		options = options == null ? List.of() : List.copyOf(options);
		targets = targets == null ? List.of() : List.copyOf(targets);
	}

	public Optional<OptionDefinition> option(int value) {
		return options.stream().filter(o -> o.value() == value).findFirst();
	}

	/**
	 * Whether the attribute may point at records of several entities (customer, owner, or a lookup with several
	 * targets such as an activity's regarding): then the target's entity name is stored beside the id.
	 */
	public boolean polymorphic() {
		return type.isPolymorphic() || (type == AttributeType.Lookup && targets.size() > 1);
	}

	/** The column holding the target entity name of a polymorphic reference. */
	public String typeColumn() {
		return logicalName + "type";
	}

	public AttributeDefinition withSystem(boolean isSystem) {
		return new AttributeDefinition(logicalName, displayName, type, requiredLevel, format, maxLength, precision, minValue,
				maxValue, options, targets, defaultValue, custom, isSystem, description, secured);
	}

	public AttributeDefinition withCustom(boolean isCustom) {
		return new AttributeDefinition(logicalName, displayName, type, requiredLevel, format, maxLength, precision, minValue,
				maxValue, options, targets, defaultValue, isCustom, system, description, secured);
	}
}
