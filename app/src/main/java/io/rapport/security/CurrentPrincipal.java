package io.rapport.security;

import io.rapport.core.Principal;

/** The principal of the request or job being served. */
public interface CurrentPrincipal {

	/** The signed-in user, or a 401 when nobody is signed in. */
	Principal get();
}
