/** Pages and the JSON API of opportunities and of the pipeline's stages (admin). */
@NullMarked
package org.opportune.opportunity.web;

import org.jspecify.annotations.NullMarked;
