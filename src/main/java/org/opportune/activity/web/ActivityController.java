package org.opportune.activity.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.opportune.activity.ActivityFilter;
import org.opportune.activity.ActivityService;
import org.opportune.web.Htmx;

/** The admin's view of the activity trail: filter, page, export as CSV, verify the chain. */
@Controller
@RequestMapping("/admin/activity")
@PreAuthorize("hasAuthority('ACTIVITY_VIEW')")
class ActivityController {

    private final ActivityService activity;

    ActivityController(ActivityService activity) {
        this.activity = activity;
    }

    @GetMapping
    String list(@RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        var filter = new ActivityFilter(actor, action, subjectType, subjectId, from, to);
        model.addAttribute("page", new ActivityPage(filter, activity.page(filter, page), ActivityPage.query(filter)));
        return Htmx.isHtmx(request) ? "activity/fragments/results" : "activity/activity";
    }

    @GetMapping("/export")
    void export(@RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"opportune-activity.csv\"");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        activity.exportCsv(new ActivityFilter(actor, action, subjectType, subjectId, from, to), writer);
    }

    @GetMapping("/verify")
    String verify(Model model) {
        model.addAttribute("page", activity.verify());
        return "activity/verify";
    }
}
