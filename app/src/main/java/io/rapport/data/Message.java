package io.rapport.data;

/** The messages of the record pipeline (Dataverse's names). */
public enum Message {
	Create, Retrieve, Update, Delete, Associate, Disassociate, SetState, Assign, Merge
}
