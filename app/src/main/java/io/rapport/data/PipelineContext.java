package io.rapport.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rapport.core.EntityRecord;
import io.rapport.core.Principal;
import io.rapport.core.RecordRef;
import io.rapport.metadata.EntityDefinition;

/**
 * What one message is doing, as its handlers see it.
 * <ul>
 * <li>{@code target}: the values being written (Create, Update, SetState) — pre-operation handlers may change it;</li>
 * <li>{@code preImage}: the record as it was before (Update, Delete, SetState, Associate);</li>
 * <li>{@code related}: the other side of an Associate or Disassociate, with {@code relationship} naming it.</li>
 * </ul>
 */
public final class PipelineContext {

	private final Message message;
	private final EntityDefinition entity;
	private final Principal principal;
	private final EntityRecord target;
	private final EntityRecord preImage;
	private final String relationship;
	private final List<RecordRef> related;
	private final int depth;
	private final Map<String, Object> shared = new HashMap<>();
	private final List<String> warnings = new ArrayList<>();

	public PipelineContext(Message message, EntityDefinition entity, Principal principal, EntityRecord target,
			EntityRecord preImage, String relationship, List<RecordRef> related, int depth) {
		this.message = message;
		this.entity = entity;
		this.principal = principal;
		this.target = target;
		this.preImage = preImage;
		this.relationship = relationship;
		this.related = related == null ? List.of() : List.copyOf(related);
		this.depth = depth;
	}

	public Message message() {
		return message;
	}

	public EntityDefinition entity() {
		return entity;
	}

	public Principal principal() {
		return principal;
	}

	public EntityRecord target() {
		return target;
	}

	public EntityRecord preImage() {
		return preImage;
	}

	public String relationship() {
		return relationship;
	}

	public List<RecordRef> related() {
		return related;
	}

	/** How deep this message is nested inside others (cascades, handlers calling the pipeline). */
	public int depth() {
		return depth;
	}

	/** The value an attribute will have after the message: the target's if it sets it, else the pre-image's. */
	public Object valueAfter(String attribute) {
		if (target != null && target.has(attribute)) {
			return target.get(attribute);
		}
		return preImage == null ? null : preImage.get(attribute);
	}

	public RecordRef ref() {
		if (target != null && target.id() != null) {
			return target.ref();
		}
		return preImage.ref();
	}

	/** Values handlers of the same message pass to each other. */
	public Map<String, Object> shared() {
		return shared;
	}

	public void warn(String warning) {
		warnings.add(warning);
	}

	public List<String> warnings() {
		return List.copyOf(warnings);
	}
}
