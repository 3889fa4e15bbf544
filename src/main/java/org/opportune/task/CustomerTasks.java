package org.opportune.task;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.opportune.customer.CustomerEvents.CustomersMerged;
import org.opportune.customer.CustomerPageItem;
import org.opportune.customer.CustomerPageSection;
import org.opportune.customer.CustomerRef;

/**
 * A customer's tasks on the company's or contact's page, and their links moving along when two
 * companies or contacts are merged.
 */
@Component
class CustomerTasks implements CustomerPageSection {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final TaskService tasks;
    private final JdbcClient jdbc;

    CustomerTasks(TaskService tasks, JdbcClient jdbc) {
        this.tasks = tasks;
        this.jdbc = jdbc;
    }

    @Override
    public String title() {
        return "Tasks";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<CustomerPageItem> items(CustomerRef ref) {
        var link = new TaskLink(ref.kind() == CustomerRef.Kind.COMPANY ? TaskLink.Type.COMPANY : TaskLink.Type.CONTACT,
                ref.id());
        return tasks.tasksLinkedTo(link).stream()
                .map(task -> new CustomerPageItem(task.title(), "/tasks",
                        "Due " + DAY.format(task.dueDate()) + " · " + task.assigneeName(),
                        task.status().name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    @ApplicationModuleListener
    void on(CustomersMerged event) {
        var column = event.kind() == CustomerRef.Kind.COMPANY ? "company_id" : "contact_id";
        jdbc.sql("update tasks set %s = :survivor where %1$s = :merged".formatted(column))
                .params(Map.of("survivor", event.survivorId(), "merged", event.mergedId()))
                .update();
    }
}
