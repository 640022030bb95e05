/** Entity, attribute, relationship, option-set and key definitions (the single source of truth) and the schema sync that turns them into tables. */
package io.rapport.metadata;
