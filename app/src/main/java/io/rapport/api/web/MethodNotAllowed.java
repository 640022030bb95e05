package io.rapport.api.web;

import io.rapport.core.RapportException;

/** A 405 that says which methods the address does take, for the {@code Allow} header HTTP requires with it. */
final class MethodNotAllowed extends RapportException {

	private final String allow;

	MethodNotAllowed(String allow, String message) {
		super(405, "MethodNotAllowed", message);
		this.allow = allow;
	}

	String allow() {
		return allow;
	}
}
