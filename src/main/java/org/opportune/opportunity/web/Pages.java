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
}
