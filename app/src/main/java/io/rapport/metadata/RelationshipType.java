package io.rapport.metadata;

public enum RelationshipType {
	OneToMany, ManyToMany
}
