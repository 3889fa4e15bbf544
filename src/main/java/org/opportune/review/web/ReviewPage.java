package org.opportune.review.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.opportunity.AssignableUser;
import org.opportune.opportunity.OpportunityView;
import org.opportune.opportunity.StageView;
import org.opportune.review.Preset;
import org.opportune.review.Queue;
import org.opportune.review.ReviewBoard;

/**
 * Everything the review page shows.
 *
 * @param people     whom items can be assigned to, and the owner filter's choices
 * @param owner      the owner a team review is narrowed to, null for everyone
 * @param stages     the active stages an opportunity can move to
 * @param errors     refusals by item ({@code opportunity-12}), shown next to that item's forms
 * @param message    what the last action did, or why it was refused
 * @param me         the signed-in person's id
 * @param mayWork    whether they may change anything (INBOX_WORK)
 * @param mayAssign  whether they may assign others' work (WORK_ASSIGN)
 * @param mayValue   whether they may see and set deal values
 */
public record ReviewPage(ReviewBoard board, List<AssignableUser> people, @Nullable Long owner, boolean teamReview,
        List<StageView> stages, Map<String, String> lostReasons, Map<String, String> errors, @Nullable String message,
        Instant now, long me, boolean mayWork, boolean mayAssign, boolean mayValue) {

    public Preset[] presets() {
        return Preset.values();
    }

    public String presetLink(Preset preset) {
        return link(preset, owner);
    }

    /** The review with this preset, narrowed to {@code owner} when one is given. */
    public static String link(Preset preset, @Nullable Long owner) {
        return "/review?preset=" + preset.key() + (owner == null ? "" : "&owner=" + owner);
    }

    /** Whether the person may change this opportunity: it is theirs, nobody's, or they assign work. */
    public boolean mayChange(OpportunityView o) {
        return mayWork && (o.ownerId() == null || o.ownerId() == me || mayAssign);
    }

    public boolean mayClaim(@Nullable Long ownerId) {
        return mayWork && ownerId == null;
    }

    /** Whether the person may give this item to someone: they assign work, or it is theirs. */
    public boolean mayAssignItem(@Nullable Long ownerId) {
        return mayWork && (mayAssign || (ownerId != null && ownerId == me));
    }

    public boolean maySetNextAction(Queue queue, OpportunityView o) {
        return queue != Queue.UNASSIGNED_LEADS && mayChange(o);
    }

    public boolean mayMoveStage(Queue queue, OpportunityView o) {
        return (queue == Queue.PROPOSALS_WAITING || queue == Queue.STALE) && mayChange(o);
    }

    /** Whether the item has forms besides Claim: they are fetched when the person opens them ({@link #formsLink}). */
    public boolean hasItemForms(Queue queue, OpportunityView o) {
        return mayAssignItem(o.ownerId()) || maySetNextAction(queue, o) || mayMoveStage(queue, o);
    }

    /** What opening an item's forms offers: "Assign, next action, stage or close". */
    public String formsSummary(Queue queue, OpportunityView o) {
        var parts = new ArrayList<String>();
        if (mayAssignItem(o.ownerId())) {
            parts.add("assign");
        }
        if (maySetNextAction(queue, o)) {
            parts.add("next action");
        }
        if (mayMoveStage(queue, o)) {
            parts.add("stage or close");
        }
        var text = String.join(", ", parts);
        return text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * The item's forms ({@code kind} is {@code opportunities} or {@code conversations}): HTMX puts them into the
     * item when it is opened, and without JavaScript the link shows them on a page of their own. Each item
     * carried them in the page before: about 4 KB an item, 0.9 MB for a manager's weekly review.
     */
    public String formsLink(String kind, long id, Queue queue) {
        return "/review/" + kind + "/" + id + "/forms?queue=" + queue.key() + "&preset=" + board.preset().key()
                + (owner == null ? "" : "&owner=" + owner);
    }

    public String ownerValue() {
        return owner == null ? "" : owner.toString();
    }

    public @Nullable String error(String kind, long id) {
        return errors.get(kind + "-" + id);
    }

    public String today() {
        return board.today().toString();
    }

    public String tomorrow() {
        return board.today().plusDays(1).toString();
    }

    /** "3 d ago" style: how long since a moment. */
    public String ago(Instant then) {
        var days = ChronoUnit.DAYS.between(then, now);
        if (days >= 1) {
            return days + " d ago";
        }
        var hours = ChronoUnit.HOURS.between(then, now);
        return hours >= 1 ? hours + " h ago" : "just now";
    }

    /** "2 d late", "due today": how a due date stands against today. */
    public String lateness(@Nullable LocalDate due) {
        if (due == null) {
            return "no date";
        }
        var days = ChronoUnit.DAYS.between(due, board.today());
        return days > 0 ? days + " d late" : days == 0 ? "due today" : "due " + due;
    }
}
