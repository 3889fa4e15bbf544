/**
 * The task pages ("My tasks", the create form, the fragment of a record's tasks that other pages
 * include with {@code hx-get}) and the task API under {@code /api/v1/tasks}.
 */
@NullMarked
package org.opportune.task.web;

import org.jspecify.annotations.NullMarked;
