package io.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rapport.core.Principal;
import io.rapport.core.RapportException;
import io.rapport.metadata.AttributeDefinition;
import io.rapport.metadata.EntityDefinition;
import io.rapport.metadata.Metadata;
import io.rapport.security.CurrentPrincipal;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The form editor (administrators only; the security chain lets only them into Settings): an entity's main form with
 * its tabs, columns and sections, where a field — custom ones included — is added to a section, removed, or moved up
 * and down, and a section is added to a tab or renamed. Each change is applied to the form as it was read (its
 * version travels with the request), checked ({@link FormDefinition#problems}) and saved as the entity's
 * {@code systemform}; every form of the entity uses it from the next page on.
 */
@Controller
class FormSettingsController {

	private final Metadata metadata;
	private final Forms forms;
	private final CurrentPrincipal principal;

	FormSettingsController(Metadata metadata, Forms forms, CurrentPrincipal principal) {
		this.metadata = metadata;
		this.forms = forms;
		this.principal = principal;
	}

	/** A field the editor can add: an attribute a person types into that the form does not show yet. */
	record Choice(String name, String label) {
	}

	/** Where a new section can go: a tab's column. */
	record Target(String value, String label) {
	}

	@GetMapping("/app/settings/forms")
	String editor(@RequestParam(required = false) String entity, Model model) {
		EntityDefinition def = metadata.entity(entity == null || entity.isBlank() ? "account" : entity);
		return page(model, def, forms.main(principal.get(), def), null, null, null);
	}

	@PostMapping("/app/settings/forms")
	String change(@RequestParam(required = false) String entity, @RequestParam(required = false) String action,
			@RequestParam(required = false) String section, @RequestParam(required = false) String field,
			@RequestParam(required = false) String label, @RequestParam(required = false) String target,
			@RequestParam(required = false) String versionnumber, Model model, HttpServletResponse response) {
		if (entity == null || entity.isBlank()) {
			throw RapportException.invalid("entity", "choose the entity whose form you are changing");
		}
		EntityDefinition def = metadata.entity(entity);
		Principal who = principal.get();
		Forms.MainForm current = forms.main(who, def);
		FormDefinition form = current.definition().copy();
		String errorAt = section;
		try {
			Long version = version(versionnumber);
			String done = apply(def, form, action, section, field, label, target);
			forms.save(who, def, form, current.version() == null ? null : version);
			return "redirect:/app/settings/forms?entity=" + def.logicalName() + "&done=" + done;
		} catch (RapportException e) {
			FormErrors.rethrowUnlessInput(e);
			response.setStatus(e.status() == 409 || e.code().equals("ConcurrencyVersionMismatch") ? 409 : 400);
			String message = e.code().equals("ConcurrencyVersionMismatch")
					? "Someone else changed this form after you opened it; nothing was saved. Below is the form as it is now: make your change again."
					: e.getMessage();
			if ("addsection".equals(action)) {
				errorAt = "new-section";
			}
			return page(model, def, forms.main(who, def), message, errorAt, field);
		}
	}

	private static Long version(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(raw.trim());
		} catch (NumberFormatException e) {
			throw new RapportException(400, "InvalidVersion", "The form's version '" + raw + "' is not a number; open the form editor again.");
		}
	}

	/** Applies one change to {@code form}; returns a word for the confirmation. Refuses a change it cannot make (400). */
	private static String apply(EntityDefinition def, FormDefinition form, String action, String sectionName, String field,
			String label, String target) {
		if (action == null) {
			throw bad("Choose what to change: add, remove or move a field, or add or rename a section.");
		}
		switch (action) {
			case "addfield" -> {
				FormDefinition.Section section = fieldSection(form, sectionName);
				if (field == null || field.isBlank()) {
					throw bad("Choose the field to add to " + section.label() + ".");
				}
				AttributeDefinition a = def.attribute(field.trim()).orElseThrow(() -> bad(def.displayName() + " has no field '"
						+ field.trim() + "'. Add it to the entity first (Customize), then to the form."));
				if (!Fields.editable(def, a)) {
					throw bad(a.displayName() + " is set by the system and cannot be on a form.");
				}
				Optional<FormDefinition.Section> already = form.sectionOf(a.logicalName());
				if (already.isPresent()) {
					throw bad(a.displayName() + " is already on the form, in " + already.get().label() + ".");
				}
				section.fields().add(a.logicalName());
				return "added";
			}
			case "removefield", "moveup", "movedown" -> {
				FormDefinition.Section section = fieldSection(form, sectionName);
				int i = field == null ? -1 : section.fields().indexOf(field);
				if (i < 0) {
					throw bad(section.label() + " has no field '" + field + "'.");
				}
				if (action.equals("removefield")) {
					section.fields().remove(i);
					return "removed";
				}
				int j = action.equals("moveup") ? i - 1 : i + 1;
				if (j < 0 || j >= section.fields().size()) {
					throw bad("That field is already " + (j < 0 ? "first" : "last") + " in " + section.label() + ".");
				}
				section.fields().add(j, section.fields().remove(i));
				return "moved";
			}
			case "addsection" -> {
				String text = label(label);
				String[] where = target == null ? new String[0] : target.split(":");
				FormDefinition.Tab tab = where.length != 2 ? null
						: form.tabs().stream().filter(t -> t.name().equals(where[0])).findFirst().orElse(null);
				int column = where.length != 2 || !where[1].matches("\\d{1,2}") ? -1 : Integer.parseInt(where[1]);
				if (tab == null || column < 0 || column >= tab.columns().size()) {
					throw bad("Choose the tab and column the new section goes to.");
				}
				tab.columns().get(column).sections().add(new FormDefinition.Section(form.newSectionName(text), text,
						new ArrayList<>(), null, null, null));
				return "sectionadded";
			}
			case "renamesection" -> {
				FormDefinition.Place place = form.find(sectionName == null ? "" : sectionName)
					.orElseThrow(() -> bad("The form has no section '" + sectionName + "'."));
				place.column().sections().set(place.index(), place.section().renamed(label(label)));
				return "renamed";
			}
			default -> throw bad("Unknown change '" + action + "'.");
		}
	}

	private static FormDefinition.Section fieldSection(FormDefinition form, String name) {
		FormDefinition.Section s = form.find(name == null ? "" : name).map(FormDefinition.Place::section)
			.orElseThrow(() -> bad("The form has no section '" + name + "'."));
		if (!s.holdsFields()) {
			throw bad(s.label() + " shows the " + s.component() + ", not fields.");
		}
		return s;
	}

	private static String label(String label) {
		String text = label == null ? "" : label.trim();
		if (text.isEmpty()) {
			throw bad("Give the section a label.");
		}
		if (text.length() > 100) {
			throw bad("A section label is at most 100 characters.");
		}
		return text;
	}

	private static RapportException bad(String message) {
		return new RapportException(400, "InvalidFormChange", message);
	}

	private String page(Model model, EntityDefinition def, Forms.MainForm form, String message, String errorAt, String field) {
		List<Choice> choices = def.attributes().stream()
			.filter(a -> Fields.editable(def, a) && form.definition().sectionOf(a.logicalName()).isEmpty())
			.sorted(Comparator.comparing(AttributeDefinition::displayName))
			.map(a -> new Choice(a.logicalName(), a.displayName() + (a.custom() ? " (custom)" : "")))
			.toList();
		List<Target> targets = new ArrayList<>();
		for (FormDefinition.Tab t : form.definition().tabs()) {
			for (int i = 0; i < t.columns().size(); i++) {
				targets.add(new Target(t.name() + ":" + i, t.columns().size() == 1 ? t.label() : t.label() + ", column " + (i + 1)));
			}
		}
		model.addAttribute("entities", metadata.entities().stream()
			.sorted(Comparator.comparing(EntityDefinition::displayCollectionName)).toList());
		model.addAttribute("entity", def);
		model.addAttribute("form", form.definition());
		model.addAttribute("source", form.source().name());
		model.addAttribute("version", form.version());
		model.addAttribute("choices", choices);
		model.addAttribute("targets", targets);
		model.addAttribute("labels", labels(def));
		model.addAttribute("message", message);
		model.addAttribute("errorAt", errorAt);
		model.addAttribute("chosen", field);
		return "settings/forms";
	}

	/** Display names of the entity's attributes and of the components, for the editor's lists. */
	private static Map<String, String> labels(EntityDefinition def) {
		Map<String, String> labels = new HashMap<>();
		def.attributes().forEach(a -> labels.put(a.logicalName(), a.displayName()));
		return labels;
	}
}
