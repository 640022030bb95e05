/** Records and the message pipeline every change goes through: validate, pre-operation, operation, post-operation, after-commit. */
package io.rapport.data;
