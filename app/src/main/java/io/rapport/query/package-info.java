/** The one query model (columns, nested filters, linked entities, order, paging), its SQL compiler and the access predicate it always applies. */
package io.rapport.query;
