/**
 * Opportunities: the pipeline's stages (configurable, the seven of the product ship), deals with a
 * customer (ids of the {@code customer} module), value, source, one owner, a stage, a concrete and dated
 * next action, an outcome with a reason, linked conversations, stage history and field-level change
 * history for optimistic locking.
 *
 * <p>The rules live in {@link org.opportune.opportunity.OpportunityService}, so the pages and the API get
 * them alike. Decisions: a new opportunity always needs a concrete next action with a due date; its owner
 * is the person who creates it, unless it is created <em>unassigned</em>, which is allowed only in the
 * first open stage ("New lead"), as a lead for someone to claim; leaving that stage needs an owner. A
 * closed opportunity moves only by an explicit reopen, which asks for a stage and a new next action.
 * Only the owner or someone who may assign work (WORK_ASSIGN) changes an owned opportunity; anyone who
 * works the inbox may change or claim an unowned lead.
 *
 * <p>The pipeline board ({@code /pipeline}, {@link org.opportune.opportunity.OpportunityService#board}) shows a
 * column per active stage with counts and, for people with DEAL_VALUES_VIEW, value totals per currency;
 * moving a card goes through {@code moveToStage}/{@code reopen}, so the board enforces the same rules.
 *
 * <p>Publishes the audited {@link org.opportune.opportunity.OpportunityEvents} (created, updated, stage
 * changed, assigned, conversation linked or unlinked) and {@link org.opportune.opportunity.PipelineEvents};
 * {@link org.opportune.opportunity.OpportunityEvents.OpportunityAssigned} is also the notification of a
 * new owner. Consumes {@code ConversationsMerged} to move links to the surviving conversation.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web", "identity", "activity", "mail", "conversation", "triage", "customer"})
package org.opportune.opportunity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
