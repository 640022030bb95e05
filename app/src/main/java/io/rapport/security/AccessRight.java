package io.rapport.security;

import java.util.EnumSet;
import java.util.Set;

/** The rights a share gives, with Dataverse's AccessRights mask values. */
public enum AccessRight {
	Read(1, Privilege.Read), Write(2, Privilege.Write), Append(4, Privilege.Append), AppendTo(16, Privilege.AppendTo),
	Delete(65536, Privilege.Delete), Share(262144, Privilege.Share), Assign(524288, Privilege.Assign);

	private final int mask;
	private final Privilege privilege;

	AccessRight(int mask, Privilege privilege) {
		this.mask = mask;
		this.privilege = privilege;
	}

	public int mask() {
		return mask;
	}

	public Privilege privilege() {
		return privilege;
	}

	public static int mask(Set<AccessRight> rights) {
		return rights.stream().mapToInt(AccessRight::mask).reduce(0, (a, b) -> a | b);
	}

	public static Set<AccessRight> of(int mask) {
		Set<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
		for (AccessRight r : values()) {
			if ((mask & r.mask) != 0) {
				rights.add(r);
			}
		}
		return rights;
	}

	public static AccessRight of(Privilege privilege) {
		for (AccessRight r : values()) {
			if (r.privilege == privilege) {
				return r;
			}
		}
		return null;
	}
}
