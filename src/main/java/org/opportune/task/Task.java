package org.opportune.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A follow-up or next action: one assignee, a due date (and optional time in the business time zone),
 * a status, and links to the records it is about. {@code @Version}, because two people may change it
 * at once. The rules of what may change when live here; who may change it is the service's business.
 */
@Table("tasks")
class Task {

    @Id
    private @Nullable Long id;
    private String title;
    private @Nullable String notes;
    private String kind;
    private String status;
    private LocalDate dueDate;
    private @Nullable LocalTime dueTime;
    private String dueZone;
    private Instant overdueAt;
    private Instant remindAt;
    private long assigneeId;
    private final @Nullable Long createdBy;
    private final Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant completedAt;
    private @Nullable Long completedBy;
    private @Nullable Instant cancelledAt;
    private @Nullable Long cancelledBy;
    private @Nullable Long opportunityId;
    private @Nullable Long conversationId;
    private @Nullable Long companyId;
    private @Nullable Long contactId;
    @Version
    private int version;

    @PersistenceCreator
    Task(@Nullable Long id, String title, @Nullable String notes, String kind, String status, LocalDate dueDate,
            @Nullable LocalTime dueTime, String dueZone, Instant overdueAt, Instant remindAt, long assigneeId,
            @Nullable Long createdBy, Instant createdAt, Instant updatedAt, @Nullable Instant completedAt,
            @Nullable Long completedBy, @Nullable Instant cancelledAt, @Nullable Long cancelledBy,
            @Nullable Long opportunityId, @Nullable Long conversationId, @Nullable Long companyId,
            @Nullable Long contactId, int version) {
        this.id = id;
        this.title = title;
        this.notes = notes;
        this.kind = kind;
        this.status = status;
        this.dueDate = dueDate;
        this.dueTime = dueTime;
        this.dueZone = dueZone;
        this.overdueAt = overdueAt;
        this.remindAt = remindAt;
        this.assigneeId = assigneeId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.completedAt = completedAt;
        this.completedBy = completedBy;
        this.cancelledAt = cancelledAt;
        this.cancelledBy = cancelledBy;
        this.opportunityId = opportunityId;
        this.conversationId = conversationId;
        this.companyId = companyId;
        this.contactId = contactId;
        this.version = version;
    }

    /** A new open task; the title and notes were checked by the service. */
    static Task create(String title, @Nullable String notes, TaskKind kind, LocalDate dueDate, @Nullable LocalTime dueTime,
            ZoneId zone, long assigneeId, @Nullable Long createdBy, TaskLinks links, Clock clock) {
        var now = clock.instant();
        var task = new Task(null, title, notes, kind.label(), TaskStatus.OPEN.label(), dueDate, dueTime, zone.getId(),
                now, now, assigneeId, createdBy, now, now, null, null, null, null, links.opportunityId(),
                links.conversationId(), links.companyId(), links.contactId(), 0);
        task.dueOn(dueDate, dueTime, zone);
        return task;
    }

    void rename(String title) {
        this.title = title;
    }

    void describe(@Nullable String notes) {
        this.notes = notes;
    }

    void kind(TaskKind kind) {
        this.kind = kind.label();
    }

    /** A new due date and time, in {@code zone}; works out when it is due and when it becomes overdue. */
    void dueOn(LocalDate date, @Nullable LocalTime time, ZoneId zone) {
        this.dueDate = date;
        this.dueTime = time;
        this.dueZone = zone.getId();
        if (time == null) {
            this.remindAt = date.atStartOfDay(zone).toInstant();
            this.overdueAt = date.plusDays(1).atStartOfDay(zone).toInstant();
        } else {
            this.remindAt = date.atTime(time).atZone(zone).toInstant();
            this.overdueAt = remindAt;
        }
    }

    void assignTo(long userId) {
        this.assigneeId = userId;
    }

    void link(TaskLinks links) {
        this.opportunityId = links.opportunityId();
        this.conversationId = links.conversationId();
        this.companyId = links.companyId();
        this.contactId = links.contactId();
    }

    void requireOpen(String action) {
        if (status() != TaskStatus.OPEN) {
            throw TaskStateException.notOpen(status(), action);
        }
    }

    void complete(@Nullable Long by, Clock clock) {
        requireOpen("completed");
        status = TaskStatus.DONE.label();
        completedAt = clock.instant();
        completedBy = by;
    }

    void cancel(@Nullable Long by, Clock clock) {
        requireOpen("cancelled");
        status = TaskStatus.CANCELLED.label();
        cancelledAt = clock.instant();
        cancelledBy = by;
    }

    void reopen() {
        if (status() == TaskStatus.OPEN) {
            throw TaskStateException.alreadyOpen();
        }
        status = TaskStatus.OPEN.label();
        completedAt = null;
        completedBy = null;
        cancelledAt = null;
        cancelledBy = null;
    }

    void touch(Clock clock) {
        updatedAt = clock.instant();
    }

    /**
     * The fields people see, as the activity trail and the stale-edit answer show them; comparing two
     * snapshots gives a change's before → after. Absent values are null.
     */
    Map<String, @Nullable Object> snapshot() {
        var fields = new LinkedHashMap<String, @Nullable Object>();
        fields.put("title", title);
        fields.put("notes", notes);
        fields.put("kind", kind);
        fields.put("status", status);
        fields.put("dueDate", dueDate.toString());
        fields.put("dueTime", dueTime == null ? null : dueTime.toString());
        fields.put("assigneeId", assigneeId);
        fields.put("opportunityId", opportunityId);
        fields.put("conversationId", conversationId);
        fields.put("companyId", companyId);
        fields.put("contactId", contactId);
        return fields;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("task not saved yet");
        }
        return id;
    }

    TaskStatus status() {
        return TaskStatus.fromLabel(status);
    }

    long assigneeId() {
        return assigneeId;
    }

    LocalDate dueDate() {
        return dueDate;
    }

    @Nullable LocalTime dueTime() {
        return dueTime;
    }

    String title() {
        return title;
    }

    @Nullable String notes() {
        return notes;
    }

    TaskKind kind() {
        return TaskKind.fromLabel(kind);
    }

    String zone() {
        return dueZone;
    }

    TaskLinks links() {
        return new TaskLinks(opportunityId, conversationId, companyId, contactId);
    }

    int version() {
        return version;
    }

    TaskView view(String assigneeName) {
        return new TaskView(id(), title, notes, kind(), status(), dueDate, dueTime, dueZone, overdueAt, assigneeId,
                assigneeName, createdBy, createdAt, updatedAt, completedAt, completedBy, cancelledAt, cancelledBy,
                links(), version);
    }
}
