package io.rapport.security;

/** What a principal wants to do with a record (Dataverse's privileges). */
public enum Privilege {
	Create, Read, Write, Delete, Append, AppendTo, Assign, Share
}
