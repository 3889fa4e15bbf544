/** The customer pages (list and search, company and contact pages with edit and merge) and the JSON API. */
@NullMarked
package org.opportune.customer.web;

import org.jspecify.annotations.NullMarked;
