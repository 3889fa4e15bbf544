package org.opportune.opportunity.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.opportunity.AssignableUser;
import org.opportune.opportunity.FieldChange;
import org.opportune.opportunity.LinkedConversation;
import org.opportune.opportunity.OpportunityFilter;
import org.opportune.opportunity.OpportunityView;
import org.opportune.opportunity.Source;
import org.opportune.opportunity.StageHistoryEntry;
import org.opportune.opportunity.StageView;
import org.opportune.opportunity.TimelineEntry;

/** What each opportunity page needs. */
public final class Pages {

    private Pages() {
    }

    public record ListPage(List<OpportunityView> opportunities, List<StageView> stages, List<AssignableUser> users,
            OpportunityFilter filter, boolean canSeeValues) {

        public String stageFilter() {
            return filter.stage() == null ? "" : filter.stage();
        }

        public String ownerFilter() {
            return filter.owner() == null ? "" : filter.owner();
        }

        public String stateFilter() {
            return filter.state() == null || filter.state().isBlank() ? "open" : filter.state();
        }

        public boolean hasNext() {
            return opportunities.size() >= 100;
        }

        public String pageLink(int page) {
            return "/opportunities?stage=" + stageFilter() + "&owner=" + ownerFilter() + "&state=" + stateFilter()
                    + "&page=" + page;
        }
    }

    public record NewPage(OpportunityForm form, Map<String, String> errors, boolean canSeeValues,
            @Nullable String conversationSubject, String customer) {

        public List<Source> sources() {
            return List.of(Source.values());
        }
    }

    /**
     * The opportunity page. {@code problem} is a message for the whole page (a refused action), {@code stale}
     * what changed since the person loaded it, when their edit was refused for that.
     */
    public record ShowPage(OpportunityView opportunity, List<StageView> stages, List<StageHistoryEntry> history,
            List<LinkedConversation> conversations, List<TimelineEntry> timeline, List<AssignableUser> users,
            Map<String, String> lostReasons, OpportunityForm form, Map<String, String> errors, @Nullable String problem,
            List<FieldChange> stale, boolean canChange, boolean canAssign, boolean canClaim, String today) {

        public List<Source> sources() {
            return List.of(Source.values());
        }

        public List<StageView> openStages() {
            return stages.stream().filter(StageView::active).filter(StageView::open).toList();
        }

        public List<StageView> lostStages() {
            return stages.stream().filter(StageView::active).filter(s -> s.kind() == org.opportune.opportunity.StageKind.LOST).toList();
        }
    }

    public record PipelinePage(List<StageView> stages, Map<String, String> errors, @Nullable String problem) {
    }

    /**
     * The pipeline board. {@code prompt} is a question or refusal shown in one card after a move (lost asks for
     * the reason, won for the value, a closed one for reopening, a stale one shows what changed);
     * {@code message} confirms a move.
     */
    public record BoardPage(org.opportune.opportunity.Board board, org.opportune.opportunity.BoardFilter filter,
            List<AssignableUser> users, List<String> mailboxes, boolean canMove, List<StageView> openStages,
            Map<String, String> lostReasons, @Nullable Prompt prompt, @Nullable String message) {

        public String ownerFilter() {
            return filter.owner() == null ? "" : filter.owner();
        }

        public String mailboxFilter() {
            return filter.mailbox() == null ? "" : filter.mailbox();
        }

        public boolean promptFor(long id) {
            return prompt != null && prompt.id() == id;
        }

        /** The prompt's card is not on the board (filtered out): show the prompt above the columns. */
        public boolean promptOffBoard() {
            return prompt != null && board.columns().stream().flatMap(c -> c.cards().stream())
                    .noneMatch(c -> c.opportunity().id() == prompt.id());
        }

        public String total(java.util.Map.Entry<String, java.math.BigDecimal> total) {
            return Format.money(total.getValue(), total.getKey());
        }

        public boolean empty() {
            return board.columns().stream().allMatch(c -> c.count() == 0);
        }

        /** Where a card's "Move to" form is: its version as loaded with the board, so a later change is still caught. */
        public String moveLink(OpportunityView o) {
            return "/pipeline/cards/" + o.id() + "/move?version=" + o.version() + filterQuery(filter);
        }
    }

    /**
     * One card's "Move to" form, in the card (HTMX) or on a page of its own.
     *
     * @param version the version the board showed (a move against a newer one is refused as stale)
     * @param stages  the board's columns, in their order
     */
    public record MoveForm(long id, String title, String stage, String stageName, int version,
            org.opportune.opportunity.BoardFilter filter, List<StageView> stages, boolean inPlace) {

        public String boardLink() {
            var query = filterQuery(filter);
            return query.isEmpty() ? "/pipeline" : "/pipeline?" + query.substring(1);
        }
    }

    /** The board's filters as query parameters, each starting with {@code &}. */
    static String filterQuery(org.opportune.opportunity.BoardFilter filter) {
        var query = new StringBuilder();
        if (filter.owner() != null && !filter.owner().isBlank()) {
            query.append("&owner=").append(java.net.URLEncoder.encode(filter.owner(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (filter.mailbox() != null && !filter.mailbox().isBlank()) {
            query.append("&mailbox=").append(java.net.URLEncoder.encode(filter.mailbox(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (filter.overdue()) {
            query.append("&overdue=true");
        }
        if (filter.stalled()) {
            query.append("&stalled=true");
        }
        return query.toString();
    }

    /**
     * @param kind {@code lost}, {@code won}, {@code reopen}, {@code stale} or {@code refused}
     */
    public record Prompt(long id, String title, String kind, String stage, int version, @Nullable String message,
            Map<String, String> errors, List<FieldChange> changes, String value, String lostReason, String note,
            String nextAction, String nextActionDue) {
    }
}
