/** Change history: who changed which attribute of which record from what to what, and when. */
package io.rapport.audit;
