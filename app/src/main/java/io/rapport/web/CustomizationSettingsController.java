package io.rapport.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rapport.core.RapportException;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.Customizations;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.EntitySpec;
import io.rapport.metadata.EntitySpec.AttributeSpec;
import io.rapport.metadata.Metadata;
import io.rapport.metadata.OptionDefinition;
import io.rapport.metadata.Ownership;
import io.rapport.metadata.RequiredLevel;
import io.rapport.security.CurrentPrincipal;

/**
 * Customization in Settings (administrators only; the security chain lets only them in): custom entities and custom
 * fields (optionally secured, for field security profiles, as the API's {@code IsSecured}) through the engine's
 * customization calls, which create real tables and columns at once.
 */
@Controller
class CustomizationSettingsController {

	/** The attribute types an administrator can add from the settings page. */
	static final List<AttributeType> FIELD_TYPES = List.of(AttributeType.String, AttributeType.Memo, AttributeType.Integer,
			AttributeType.Decimal, AttributeType.Money, AttributeType.Boolean, AttributeType.DateOnly, AttributeType.DateTime,
			AttributeType.Picklist);

	private final Metadata metadata;
	private final Customizations customizations;
	private final CurrentPrincipal principal;

	CustomizationSettingsController(Metadata metadata, Customizations customizations, CurrentPrincipal principal) {
		this.metadata = metadata;
		this.customizations = customizations;
		this.principal = principal;
	}

	/** The entities the Settings home offers to customize. */
	static List<EntityDefinition> customizable(Metadata metadata) {
		return metadata.entities().stream().sorted(Comparator.comparing(EntityDefinition::displayCollectionName)).toList();
	}

	@GetMapping("/app/settings/entities")
	String chooseEntity(@RequestParam String entity) {
		return "redirect:/app/settings/entities/" + metadata.entity(entity).logicalName();
	}

	@GetMapping("/app/settings/entities/{entity}")
	String entity(@PathVariable String entity, Model model) {
		model.addAttribute("entity", metadata.entity(entity));
		model.addAttribute("types", FIELD_TYPES);
		return "customize";
	}

	@PostMapping("/app/settings/entities/{entity}/fields")
	String addField(@PathVariable String entity, @RequestParam String name, @RequestParam String displayName,
			@RequestParam AttributeType type, @RequestParam(required = false) Integer maxLength,
			@RequestParam(required = false) String options, @RequestParam(defaultValue = "false") boolean required,
			@RequestParam(defaultValue = "false") boolean secured, Model model) {
		try {
			AttributeSpec spec = new AttributeSpec(name.trim(), displayName.trim(), type,
					required ? RequiredLevel.ApplicationRequired : RequiredLevel.None, null,
					type.isText() ? (maxLength == null ? (type == AttributeType.Memo ? 2000 : 100) : maxLength) : null,
					type == AttributeType.Decimal || type == AttributeType.Money ? 2 : null, null, null, options(type, options),
					null, null, null, null, secured ? Boolean.TRUE : null);
			customizations.addAttribute(entity, spec, principal.get());
		} catch (RapportException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("entity", metadata.entity(entity));
			model.addAttribute("types", FIELD_TYPES);
			return "customize";
		}
		return "redirect:/app/settings/entities/" + entity + "?added=" + name.trim();
	}

	@PostMapping("/app/settings/entities")
	String createEntity(@RequestParam String logicalName, @RequestParam String displayName,
			@RequestParam String displayCollectionName, Model model) {
		String name = logicalName.trim();
		String primary = Metadata.CUSTOM_PREFIX + "name";
		try {
			EntitySpec spec = new EntitySpec(null, name, null, displayName.trim(), displayCollectionName.trim(), null, primary,
					Ownership.UserOwned, true, null, null,
					List.of(new AttributeSpec(primary, "Name", AttributeType.String, RequiredLevel.ApplicationRequired, null, 200,
							null, null, null, null, null, null, null, null, null)),
					null, null, null);
			customizations.createEntity(spec, principal.get());
		} catch (RapportException e) {
			model.addAttribute("entityError", e.getMessage());
			model.addAttribute("entities", customizable(metadata));
			return "settings/home";
		}
		return "redirect:/app/settings/entities/" + name + "?created";
	}

	/** Choice options typed as "1=Gold; 2=Silver" (or just "Gold; Silver", numbered from 1). */
	static List<OptionDefinition> options(AttributeType type, String text) {
		if (type != AttributeType.Picklist) {
			return null;
		}
		if (text == null || text.isBlank()) {
			throw RapportException.invalid("options", "a choice needs options, such as: Gold; Silver; Bronze");
		}
		List<OptionDefinition> list = new ArrayList<>();
		int next = 1;
		for (String part : text.split("[;\\n]")) {
			String p = part.trim();
			if (p.isEmpty()) {
				continue;
			}
			int eq = p.indexOf('=');
			if (eq > 0) {
				try {
					next = new BigDecimal(p.substring(0, eq).trim()).intValueExact();
				} catch (NumberFormatException | ArithmeticException e) {
					throw RapportException.invalid("options", "'" + p + "' does not start with a whole number");
				}
				p = p.substring(eq + 1).trim();
			}
			list.add(new OptionDefinition(next++, p));
		}
		return list;
	}
}
