package io.rapport.metadata;

/** How a text attribute is meant to be read and validated. */
public enum StringFormat {
	Text, Email, Phone, Url, TextArea
}
