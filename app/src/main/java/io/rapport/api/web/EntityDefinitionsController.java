package io.rapport.api.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.rapport.core.RapportException;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.EntitySpec;
import io.rapport.metadata.EntitySpec.AttributeSpec;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.Ownership;
import io.rapport.metadata.RequiredLevel;
import io.rapport.metadata.StringFormat;
import io.rapport.security.CurrentPrincipal;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Dataverse's metadata endpoints over Rapport's metadata: {@code EntityDefinitions}, one entity by
 * {@code EntityDefinitions(LogicalName='account')}, its {@code Attributes}, and creating a custom entity or adding a
 * custom attribute with Dataverse's EntityMetadata / AttributeMetadata JSON. Creating goes through the same
 * {@link Customizations} calls as the admin API (administrators only, as every customization).
 */
@RestController
class EntityDefinitionsController {

	private static final String NS = "Microsoft.Dynamics.CRM.";
	private static final int ENGLISH = 1033;
	private static final Pattern KEY = Pattern.compile("^\\s*(?:LogicalName\\s*=\\s*)?'([^']*)'\\s*$");

	private final Metadata metadata;
	private final Customizations customizations;
	private final CurrentPrincipal principal;

	EntityDefinitionsController(Metadata metadata, Customizations customizations, CurrentPrincipal principal) {
		this.metadata = metadata;
		this.customizations = customizations;
		this.principal = principal;
	}

	@GetMapping("/api/data/v9.2/EntityDefinitions")
	Map<String, Object> list(HttpServletRequest request) {
		principal.get();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", base(request) + "/$metadata#EntityDefinitions");
		body.put("value", metadata.entities().stream().map(EntityDefinitionsController::entity).toList());
		return body;
	}

	@GetMapping("/api/data/v9.2/EntityDefinitions({key})")
	Map<String, Object> one(@PathVariable String key, HttpServletRequest request) {
		principal.get();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", base(request) + "/$metadata#EntityDefinitions/$entity");
		body.putAll(entity(entityByKey(key)));
		return body;
	}

	@GetMapping("/api/data/v9.2/EntityDefinitions({key})/Attributes")
	Map<String, Object> attributes(@PathVariable String key, HttpServletRequest request) {
		principal.get();
		EntityDefinition entity = entityByKey(key);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("@odata.context", base(request) + "/$metadata#EntityDefinitions('" + entity.logicalName() + "')/Attributes");
		body.put("value", entity.attributes().stream().map(a -> attribute(entity, a)).toList());
		return body;
	}

	@GetMapping("/api/data/v9.2/EntityDefinitions({key})/Attributes({attributeKey})")
	Map<String, Object> attribute(@PathVariable String key, @PathVariable String attributeKey) {
		principal.get();
		EntityDefinition entity = entityByKey(key);
		String name = name("attribute", attributeKey);
		AttributeDefinition a = entity.attribute(name).orElseThrow(() -> new RapportException(404, "AttributeNotFound",
				entity.logicalName() + " has no attribute named '" + name + "'."));
		return attribute(entity, a);
	}

	@PostMapping("/api/data/v9.2/EntityDefinitions")
	ResponseEntity<Object> create(@RequestBody Map<String, Object> body, HttpServletRequest request) {
		administrator();
		EntityDefinition entity = customizations.createEntity(entitySpec(body), principal.get());
		URI location = URI.create(base(request) + "/EntityDefinitions(LogicalName='" + entity.logicalName() + "')");
		return ResponseEntity.created(location).header("OData-EntityId", location.toString()).build();
	}

	@PostMapping("/api/data/v9.2/EntityDefinitions({key})/Attributes")
	ResponseEntity<Object> addAttribute(@PathVariable String key, @RequestBody Map<String, Object> body,
			HttpServletRequest request) {
		administrator();
		EntityDefinition entity = entityByKey(key);
		AttributeSpec spec = attributeSpec("", body);
		EntityDefinition changed = customizations.addAttribute(entity.logicalName(), spec, principal.get());
		AttributeDefinition added = changed.requireAttribute(spec.name());
		URI location = URI.create(base(request) + "/EntityDefinitions(LogicalName='" + entity.logicalName()
				+ "')/Attributes(LogicalName='" + added.logicalName() + "')");
		return ResponseEntity.created(location).header("OData-EntityId", location.toString()).build();
	}

	/** Customizing is for administrators, as at /api/admin/entities. */
	private static void administrator() {
		var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || auth.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_ADMIN"))) {
			throw RapportException.forbidden("Only administrators customize entities and attributes.");
		}
	}

	// ------------------------------------------------------------------ reading Dataverse's metadata JSON

	private static EntitySpec entitySpec(Map<String, Object> body) {
		if (body == null) {
			throw new RapportException(400, "InvalidJson", "Send the EntityMetadata as a JSON object.");
		}
		String logicalName = logicalName("", body);
		List<AttributeSpec> attributes = new ArrayList<>();
		String primaryName = text(body, "PrimaryNameAttribute");
		if (body.get("Attributes") != null) {
			if (!(body.get("Attributes") instanceof List<?> list)) {
				throw RapportException.invalid("Attributes", "expects a list of AttributeMetadata");
			}
			for (int i = 0; i < list.size(); i++) {
				Map<String, Object> a = ODataParameters.object("Attributes[" + i + "]", list.get(i));
				AttributeSpec spec = attributeSpec("Attributes[" + i + "].", a);
				attributes.add(spec);
				if (primaryName == null && Boolean.TRUE.equals(a.get("IsPrimaryName"))) {
					primaryName = spec.name();
				}
			}
		}
		Ownership ownership = null;
		if (body.get("OwnershipType") != null) {
			ownership = switch (body.get("OwnershipType").toString()) {
			case "UserOwned", "TeamOwned" -> Ownership.UserOwned;
			case "OrganizationOwned" -> Ownership.OrganizationOwned;
			default -> throw RapportException.invalid("OwnershipType", "expects UserOwned or OrganizationOwned");
			};
		}
		return new EntitySpec(null, logicalName, text(body, "EntitySetName"), label(body, "DisplayName"),
				label(body, "DisplayCollectionName"), text(body, "PrimaryIdAttribute"), primaryName, ownership,
				body.get("IsAuditEnabled") instanceof Map<?, ?> audit ? (Boolean) audit.get("Value") : null,
				label(body, "Description"), null, attributes, null, null, null);
	}

	private static AttributeSpec attributeSpec(String prefix, Map<String, Object> a) {
		if (a == null) {
			throw new RapportException(400, "InvalidJson", "Send the AttributeMetadata as a JSON object.");
		}
		AttributeType type = attributeType(prefix, a);
		StringFormat format = null;
		Object formatName = a.get("FormatName") instanceof Map<?, ?> f ? f.get("Value") : a.get("Format");
		if (formatName != null && type.isText()) {
			format = switch (formatName.toString()) {
			case "Email" -> StringFormat.Email;
			case "Phone" -> StringFormat.Phone;
			case "Url" -> StringFormat.Url;
			case "TextArea" -> StringFormat.TextArea;
			case "Text" -> StringFormat.Text;
			default -> throw RapportException.invalid(prefix + "FormatName", "'" + formatName + "' is not Text, Email, Phone, Url or TextArea");
			};
		}
		if (type == AttributeType.DateTime && "DateOnly".equals(formatName)) {
			type = AttributeType.DateOnly;
		}
		RequiredLevel required = null;
		if (a.get("RequiredLevel") instanceof Map<?, ?> level && level.get("Value") != null) {
			try {
				required = RequiredLevel.valueOf(level.get("Value").toString());
			} catch (IllegalArgumentException e) {
				throw RapportException.invalid(prefix + "RequiredLevel", "'" + level.get("Value") + "' is not None, Recommended, ApplicationRequired or SystemRequired");
			}
		}
		List<OptionDefinition> options = null;
		if (a.get("OptionSet") instanceof Map<?, ?> set && set.get("Options") instanceof List<?> list) {
			options = new ArrayList<>();
			for (Object o : list) {
				Map<String, Object> option = ODataParameters.object(prefix + "OptionSet.Options", o);
				options.add(new OptionDefinition(ODataParameters.integer(prefix + "OptionSet.Options.Value", option.get("Value")),
						label(option, "Label"), null, null));
			}
		}
		List<String> targets = a.get("Targets") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null;
		return new AttributeSpec(logicalName(prefix, a), label(a, "DisplayName"), type, required, format,
				integer(prefix + "MaxLength", a.get("MaxLength")), integer(prefix + "Precision", a.get("Precision")),
				decimal(prefix + "MinValue", a.get("MinValue")), decimal(prefix + "MaxValue", a.get("MaxValue")), options, targets,
				null, label(a, "Description"), null, a.get("IsSecured") instanceof Boolean b ? b : null);
	}

	private static AttributeType attributeType(String prefix, Map<String, Object> a) {
		String name = null;
		if (a.get("@odata.type") != null) {
			String t = a.get("@odata.type").toString().replace("#", "").replace(NS, "");
			if (!t.endsWith("AttributeMetadata")) {
				throw RapportException.invalid(prefix + "@odata.type", "'" + a.get("@odata.type") + "' is not an AttributeMetadata type");
			}
			name = t.substring(0, t.length() - "AttributeMetadata".length());
		} else if (a.get("AttributeTypeName") instanceof Map<?, ?> typeName && typeName.get("Value") != null) {
			name = typeName.get("Value").toString().replaceAll("Type$", "");
		} else if (a.get("AttributeType") != null) {
			name = a.get("AttributeType").toString();
		}
		if (name == null) {
			throw RapportException.invalid(prefix + "@odata.type", "say which kind of attribute it is, such as " + NS + "StringAttributeMetadata");
		}
		for (AttributeType type : AttributeType.values()) {
			if (type.name().equalsIgnoreCase(name)) {
				return type;
			}
		}
		throw RapportException.invalid(prefix + "@odata.type", "'" + name + "' is not an attribute type Rapport supports");
	}

	private static String logicalName(String prefix, Map<String, Object> body) {
		String name = text(body, "LogicalName") != null ? text(body, "LogicalName") : text(body, "SchemaName");
		if (name == null || name.isBlank()) {
			throw RapportException.invalid(prefix + "SchemaName", "is required, such as new_Project");
		}
		return name.toLowerCase(java.util.Locale.ROOT);
	}

	private static String text(Map<String, Object> body, String key) {
		Object v = body.get(key);
		if (v != null && !(v instanceof String)) {
			throw RapportException.invalid(key, "expects text");
		}
		return (String) v;
	}

	/** The text of a Label: its UserLocalizedLabel, else its first LocalizedLabel (a plain string is taken too). */
	private static String label(Map<String, Object> body, String key) {
		Object v = body.get(key);
		if (v == null || v instanceof String) {
			return (String) v;
		}
		if (v instanceof Map<?, ?> label) {
			if (label.get("UserLocalizedLabel") instanceof Map<?, ?> user && user.get("Label") != null) {
				return user.get("Label").toString();
			}
			if (label.get("LocalizedLabels") instanceof List<?> labels && !labels.isEmpty()
					&& labels.get(0) instanceof Map<?, ?> first && first.get("Label") != null) {
				return first.get("Label").toString();
			}
			return null;
		}
		throw RapportException.invalid(key, "expects a Label: {\"LocalizedLabels\": [{\"Label\": \"…\", \"LanguageCode\": 1033}]}");
	}

	private static Integer integer(String name, Object v) {
		return v == null ? null : ODataParameters.integer(name, v);
	}

	private static BigDecimal decimal(String name, Object v) {
		if (v == null) {
			return null;
		}
		if (!(v instanceof Number)) {
			throw RapportException.invalid(name, "expects a number");
		}
		return new BigDecimal(v.toString());
	}

	// ------------------------------------------------------------------ writing Dataverse's metadata JSON

	static Map<String, Object> entity(EntityDefinition e) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("@odata.type", "#" + NS + "EntityMetadata");
		m.put("LogicalName", e.logicalName());
		m.put("SchemaName", e.logicalName());
		m.put("EntitySetName", e.entitySetName());
		m.put("LogicalCollectionName", e.entitySetName());
		m.put("PrimaryIdAttribute", e.primaryIdAttribute());
		m.put("PrimaryNameAttribute", e.primaryNameAttribute());
		m.put("DisplayName", label(e.displayName()));
		m.put("DisplayCollectionName", label(e.displayCollectionName()));
		m.put("Description", label(e.description()));
		m.put("OwnershipType", e.ownership().name());
		m.put("IsCustomEntity", e.custom());
		m.put("IsAuditEnabled", Map.of("Value", e.auditEnabled()));
		return m;
	}

	static Map<String, Object> attribute(EntityDefinition entity, AttributeDefinition a) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("@odata.type", "#" + NS + metadataType(a.type()));
		m.put("LogicalName", a.logicalName());
		m.put("SchemaName", a.logicalName());
		m.put("EntityLogicalName", entity.logicalName());
		m.put("AttributeType", switch (a.type()) {
		case DateOnly -> "DateTime";
		case MultiSelectPicklist -> "Virtual";
		default -> a.type().name();
		});
		m.put("AttributeTypeName", Map.of("Value", (a.type() == AttributeType.DateOnly ? "DateTime" : a.type().name()) + "Type"));
		m.put("DisplayName", label(a.displayName()));
		m.put("Description", label(a.description()));
		m.put("RequiredLevel", Map.of("Value", a.requiredLevel().name()));
		m.put("IsPrimaryId", a.logicalName().equals(entity.primaryIdAttribute()));
		m.put("IsPrimaryName", a.logicalName().equals(entity.primaryNameAttribute()));
		m.put("IsCustomAttribute", a.custom());
		m.put("IsSecured", a.secured());
		if (a.format() != null) {
			m.put("FormatName", Map.of("Value", a.format().name()));
		}
		if (a.type() == AttributeType.DateOnly) {
			m.put("Format", "DateOnly");
		}
		if (a.maxLength() != null) {
			m.put("MaxLength", a.maxLength());
		}
		if (a.precision() != null) {
			m.put("Precision", a.precision());
		}
		if (a.minValue() != null) {
			m.put("MinValue", a.minValue());
		}
		if (a.maxValue() != null) {
			m.put("MaxValue", a.maxValue());
		}
		if (!a.targets().isEmpty()) {
			m.put("Targets", a.targets());
		}
		if (!a.options().isEmpty()) {
			m.put("OptionSet", Map.of("Options", a.options().stream()
				.map(o -> Map.<String, Object>of("Value", o.value(), "Label", label(o.label())))
				.toList()));
		}
		return m;
	}

	private static String metadataType(AttributeType type) {
		return switch (type) {
		case DateOnly, DateTime -> "DateTimeAttributeMetadata";
		case Lookup, Customer, Owner -> "LookupAttributeMetadata";
		case Uniqueidentifier -> "UniqueIdentifierAttributeMetadata";
		default -> type.name() + "AttributeMetadata";
		};
	}

	private static Map<String, Object> label(String text) {
		if (text == null) {
			return Map.of("LocalizedLabels", List.of());
		}
		Map<String, Object> localized = Map.of("Label", text, "LanguageCode", ENGLISH);
		return Map.of("LocalizedLabels", List.of(localized), "UserLocalizedLabel", localized);
	}

	// ------------------------------------------------------------------ keys

	private EntityDefinition entityByKey(String key) {
		String name = name("entity", key);
		return metadata.find(name).orElseThrow(() -> new RapportException(404, "EntityNotFound",
				"There is no entity with the logical name '" + name + "'."));
	}

	private static String name(String what, String key) {
		Matcher m = KEY.matcher(key);
		if (!m.matches()) {
			throw new RapportException(400, "InvalidKey", "Address an " + what + " by its logical name: (LogicalName='name'), not ("
					+ key + ").");
		}
		return m.group(1);
	}

	private static String base(HttpServletRequest request) {
		String url = request.getRequestURL().toString();
		return url.substring(0, url.indexOf("/api/data/v9.2") + "/api/data/v9.2".length());
	}
}
