package org.opportune.opportunity;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.opportune.customer.CustomerEvents.CustomersMerged;
import org.opportune.customer.CustomerPageItem;
import org.opportune.customer.CustomerPageSection;
import org.opportune.customer.CustomerRef;

/**
 * A customer's opportunities on the company's or contact's page (open first, no values: the page is
 * for everyone who reads customers), and the ids moving along when two companies or contacts are merged.
 */
@Component
class CustomerOpportunities implements CustomerPageSection {

    private static final int LIMIT = 20;

    private final JdbcClient jdbc;
    private final StageStore stages;

    CustomerOpportunities(JdbcClient jdbc, StageStore stages) {
        this.jdbc = jdbc;
        this.stages = stages;
    }

    @Override
    public String title() {
        return "Opportunities";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<CustomerPageItem> items(CustomerRef ref) {
        var names = stages.all().stream().collect(Collectors.toMap(StageView::key, Function.identity()));
        return jdbc.sql("""
                select id, title, stage_key, next_action, next_action_due, outcome from opportunities
                where %s = :id
                order by case when outcome is null then 0 else 1 end, next_action_due, id desc
                limit :limit""".formatted(column(ref.kind())))
                .param("id", ref.id())
                .param("limit", LIMIT)
                .query((rs, n) -> {
                    var stage = names.get(rs.getString("stage_key"));
                    var due = rs.getObject("next_action_due", java.time.LocalDate.class);
                    var detail = rs.getString("outcome") != null ? null
                            : rs.getString("next_action") == null ? null
                            : "Next: " + rs.getString("next_action") + (due == null ? "" : ", due " + due);
                    return new CustomerPageItem(rs.getString("title"), "/opportunities/" + rs.getLong("id"), detail,
                            stage == null ? rs.getString("stage_key") : stage.name());
                })
                .list();
    }

    @ApplicationModuleListener
    void on(CustomersMerged event) {
        jdbc.sql("update opportunities set %s = :survivor where %1$s = :merged".formatted(column(event.kind())))
                .params(Map.of("survivor", event.survivorId(), "merged", event.mergedId()))
                .update();
    }

    private static String column(CustomerRef.Kind kind) {
        return kind == CustomerRef.Kind.COMPANY ? "company_id" : "contact_id";
    }
}
