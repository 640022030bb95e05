package io.rapport.customers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.rapport.core.EntityRecord;
import io.rapport.core.RapportException;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;

/**
 * Reads duplicate rules and their conditions from their records, checking that they make sense against metadata.
 * Every refusal names the attribute of the rule or condition at fault.
 */
final class DuplicateRuleDefinition {

	static final String RULE = "duplicaterule";
	static final String CONDITION = "duplicaterulecondition";
	static final int PUBLISHED = 1;
	static final int PUBLISHED_STATUS = 2;
	static final int UNPUBLISHED = 0;
	static final int UNPUBLISHED_STATUS = 0;

	/** What defines the matching of a rule; it may not change while the rule is published. */
	static final Set<String> MATCHING_DEFINITION = Set.of("baseentityname", "matchingentityname", "iscasesensitive",
			"excludeinactiverecords");

	private static final Set<AttributeType> UNMATCHABLE = Set.of(AttributeType.Memo, AttributeType.MultiSelectPicklist,
			AttributeType.Uniqueidentifier);

	private DuplicateRuleDefinition() {
	}

	static DuplicateRule rule(Metadata metadata, EntityRecord rule, List<EntityRecord> conditions) {
		EntityDefinition base = entity(metadata, "baseentityname", rule.getString("baseentityname"));
		EntityDefinition matching = entity(metadata, "matchingentityname", rule.getString("matchingentityname"));
		List<RuleCondition> resolved = new ArrayList<>();
		for (EntityRecord c : conditions) {
			resolved.add(condition(base, matching, c));
		}
		return new DuplicateRule(rule.id(), rule.getString("name"), base, matching,
				Boolean.TRUE.equals(rule.get("iscasesensitive")), Boolean.TRUE.equals(rule.get("excludeinactiverecords")),
				resolved);
	}

	static EntityDefinition entity(Metadata metadata, String attribute, String name) {
		if (name == null || name.isBlank()) {
			throw RapportException.invalid(attribute, "names the logical name of an entity, such as contact");
		}
		return metadata.find(name).orElseThrow(() -> RapportException.invalid(attribute, "'" + name + "' is not an entity"));
	}

	static RuleCondition condition(EntityDefinition base, EntityDefinition matching, EntityRecord c) {
		AttributeDefinition b = attribute(base, "baseattributename", c.getString("baseattributename"));
		AttributeDefinition m = attribute(matching, "matchingattributename", c.getString("matchingattributename"));
		if (kind(b) != kind(m)) {
			throw RapportException.invalid("matchingattributename", m.logicalName() + " (" + m.type() + ") cannot be compared with "
					+ b.logicalName() + " (" + b.type() + ")");
		}
		Integer code = (Integer) c.get("operatorcode");
		MatchOperator operator = MatchOperator.of(code)
			.orElseThrow(() -> RapportException.invalid("operatorcode", code + " is not a duplicate rule operator"));
		String refused = switch (operator) {
			case SameFirstCharacters, SameLastCharacters -> kind(b) == Kind.Text ? null : "compares characters of text only";
			case SameDate -> kind(b) == Kind.Temporal ? null : "compares dates only";
			case SameDateAndTime -> b.type() == AttributeType.DateTime && m.type() == AttributeType.DateTime ? null
					: "compares date and time attributes only";
			case ExactMatchPickList -> kind(b) == Kind.Choice ? null : "compares choice attributes only";
			case ExactMatch -> null;
		};
		if (refused != null) {
			throw RapportException.invalid("operatorcode", operator + " " + refused + ", and " + b.logicalName() + " is " + b.type());
		}
		Integer characters = (Integer) c.get("operatorparam");
		if (operator.countsCharacters() && (characters == null || characters < 1)) {
			throw RapportException.invalid("operatorparam", "says how many characters " + operator + " compares (1 or more)");
		}
		return new RuleCondition(b, m, operator, characters == null ? 0 : characters,
				Boolean.TRUE.equals(c.get("ignoreblankvalues")));
	}

	/** The checks that make a rule publishable, beyond each condition making sense. */
	static void publishable(DuplicateRule rule) {
		if (rule.conditions().isEmpty()) {
			throw new RapportException(400, "InvalidDuplicateRule",
					"The rule '" + rule.name() + "' has no conditions; add at least one before publishing it.");
		}
		if (rule.indexedAttributes().isEmpty()) {
			throw new RapportException(400, "InvalidDuplicateRule", "The rule '" + rule.name()
					+ "' compares only last characters, which no index can serve; add another condition so that checks stay fast.");
		}
	}

	static UUID ruleOf(Object regarding) {
		return regarding instanceof io.rapport.core.RecordRef r ? r.id() : null;
	}

	private static AttributeDefinition attribute(EntityDefinition entity, String field, String name) {
		if (name == null || name.isBlank()) {
			throw RapportException.invalid(field, "names an attribute of " + entity.logicalName());
		}
		AttributeDefinition a = entity.attribute(name)
			.orElseThrow(() -> RapportException.invalid(field, "'" + name + "' is not an attribute of " + entity.logicalName()));
		if (UNMATCHABLE.contains(a.type())) {
			throw RapportException.invalid(field, "duplicates are not matched on " + a.type() + " attributes such as " + name);
		}
		return a;
	}

	private enum Kind {
		Text, Temporal, Reference, Choice, Numeric, Flag
	}

	private static Kind kind(AttributeDefinition a) {
		AttributeType t = a.type();
		if (t.isText()) {
			return Kind.Text;
		}
		if (t.isTemporal()) {
			return Kind.Temporal;
		}
		if (t.isReference()) {
			return Kind.Reference;
		}
		if (t.isChoice()) {
			return Kind.Choice;
		}
		return t.isNumeric() ? Kind.Numeric : Kind.Flag;
	}
}
