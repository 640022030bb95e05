package io.rapport.metadata;

/** What an action on a parent record does to its related records (Dataverse's CascadeType). */
public enum CascadeType {
	NoCascade, Cascade, Active, UserOwned, RemoveLink, Restrict
}
