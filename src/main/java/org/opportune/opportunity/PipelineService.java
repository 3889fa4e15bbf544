package org.opportune.opportunity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.opportunity.PipelineEvents.PipelineStageChanged;
import org.opportune.shared.Actor;

/**
 * The pipeline's stages: read by everyone who sees the pipeline, changed by admins (the pages and API
 * check ADMINISTER). Exactly one active won stage and at least one active lost stage always remain, and a
 * stage with open opportunities in it is not deactivated. Every change is in the activity trail.
 */
@Service
@Transactional
public class PipelineService {

    private final StageStore stages;
    private final OpportunityStore opportunities;
    private final ApplicationEventPublisher events;

    PipelineService(StageStore stages, OpportunityStore opportunities, ApplicationEventPublisher events) {
        this.stages = stages;
        this.opportunities = opportunities;
        this.events = events;
    }

    /** Every stage, inactive ones too, in pipeline order. */
    @Transactional(readOnly = true)
    public List<StageView> allStages() {
        return stages.all();
    }

    /** The active stages in pipeline order: what the board and the stage buttons show. */
    @Transactional(readOnly = true)
    public List<StageView> activeStages() {
        return stages.all().stream().filter(StageView::active).toList();
    }

    @Transactional(readOnly = true)
    public StageView stage(String key) {
        return stages.find(key).orElseThrow(() -> OpportunityNotFoundException.forStage(key));
    }

    /** Adds an open or lost stage at the end of the open stages (or of all stages, for lost). */
    public StageView add(Actor actor, String name, StageKind kind, int defaultProbability) {
        stages.lockAll();
        var clean = checkName(name);
        checkProbability(defaultProbability);
        if (kind == StageKind.WON) {
            throw OpportunityRuleException.of("kind", "There is exactly one Won stage; rename it instead of adding another.");
        }
        var all = stages.all();
        var key = uniqueKey(clean, all);
        var position = kind == StageKind.OPEN
                ? all.stream().filter(StageView::open).mapToInt(StageView::position).max().orElse(0) + 1
                : all.stream().mapToInt(StageView::position).max().orElse(0) + 10;
        var stage = new StageView(key, clean, position, kind, kind == StageKind.LOST ? 0 : defaultProbability, true);
        if (kind == StageKind.OPEN) {
            // make room: every later stage moves one step on
            all.stream().filter(s -> s.position() >= position)
                    .forEach(s -> stages.update(new StageView(s.key(), s.name(), s.position() + 10, s.kind(),
                            s.defaultProbability(), s.active())));
        }
        stages.insert(stage);
        events.publishEvent(new PipelineStageChanged(actor, key, "added", Map.of(), Map.of("name", clean,
                "kind", kind.label(), "defaultProbability", stage.defaultProbability())));
        return stage;
    }

    /**
     * Several changes of one stage at once, all or nothing: any of name, default probability, active, and a
     * move one place earlier ({@code -1}) or later ({@code +1}); {@code null} leaves that part alone.
     */
    public StageView change(Actor actor, String key, @Nullable String name, @Nullable Integer defaultProbability,
            @Nullable Boolean active, @Nullable Integer move) {
        stage(key);
        if (name != null) {
            rename(actor, key, name);
        }
        if (defaultProbability != null) {
            setProbability(actor, key, defaultProbability);
        }
        if (active != null) {
            setActive(actor, key, active);
        }
        if (move != null) {
            move(actor, key, move);
        }
        return stage(key);
    }

    public StageView rename(Actor actor, String key, String name) {
        stages.lockAll();
        var stage = stage(key);
        var clean = checkName(name);
        if (stages.all().stream().anyMatch(s -> !s.key().equals(key) && s.name().equalsIgnoreCase(clean))) {
            throw OpportunityRuleException.of("name", "Another stage is called '" + clean + "' already.");
        }
        if (clean.equals(stage.name())) {
            return stage;
        }
        var renamed = new StageView(key, clean, stage.position(), stage.kind(), stage.defaultProbability(), stage.active());
        stages.update(renamed);
        events.publishEvent(new PipelineStageChanged(actor, key, "renamed", Map.of("name", stage.name()), Map.of("name", clean)));
        return renamed;
    }

    public StageView setProbability(Actor actor, String key, int probability) {
        var stage = stage(key);
        checkProbability(probability);
        if (stage.closed()) {
            throw OpportunityRuleException.of("defaultProbability",
                    "Won is always 100 % and lost always 0 %; only open stages have their own probability.");
        }
        if (probability == stage.defaultProbability()) {
            return stage;
        }
        var changed = new StageView(key, stage.name(), stage.position(), stage.kind(), probability, stage.active());
        stages.update(changed);
        events.publishEvent(new PipelineStageChanged(actor, key, "probability_changed",
                Map.of("defaultProbability", stage.defaultProbability()), Map.of("defaultProbability", probability)));
        return changed;
    }

    /** Moves a stage one place earlier ({@code -1}) or later ({@code +1}) among all stages. */
    public List<StageView> move(Actor actor, String key, int direction) {
        stages.lockAll();
        var all = new ArrayList<>(stages.all());
        var index = indexOf(all, key);
        var other = index + Integer.signum(direction);
        if (direction == 0 || other < 0 || other >= all.size()) {
            return all;
        }
        var before = all.stream().map(StageView::key).toList();
        var a = all.get(index);
        var b = all.get(other);
        all.set(index, b);
        all.set(other, a);
        for (int i = 0; i < all.size(); i++) {
            var s = all.get(i);
            stages.update(new StageView(s.key(), s.name(), (i + 1) * 10, s.kind(), s.defaultProbability(), s.active()));
        }
        events.publishEvent(new PipelineStageChanged(actor, key, "moved", Map.of("order", before),
                Map.of("order", all.stream().map(StageView::key).toList())));
        return stages.all();
    }

    public StageView setActive(Actor actor, String key, boolean active) {
        stages.lockAll();
        var stage = stage(key);
        if (stage.active() == active) {
            return stage;
        }
        if (!active) {
            var remaining = stages.all().stream().filter(StageView::active).filter(s -> !s.key().equals(key)).toList();
            if (stage.kind() == StageKind.WON) {
                throw OpportunityRuleException.of("", "The pipeline needs its Won stage; rename it instead.");
            }
            if (stage.kind() == StageKind.LOST && remaining.stream().noneMatch(s -> s.kind() == StageKind.LOST)) {
                throw OpportunityRuleException.of("", "The pipeline needs at least one Lost stage; add another before deactivating this one.");
            }
            if (stage.open() && remaining.stream().noneMatch(StageView::open)) {
                throw OpportunityRuleException.of("", "The pipeline needs at least one open stage.");
            }
            var open = opportunities.countOpenInStage(key);
            if (open > 0) {
                throw OpportunityRuleException.of("", open + " open " + (open == 1 ? "opportunity is" : "opportunities are")
                        + " in '" + stage.name() + "'. Move " + (open == 1 ? "it" : "them") + " to another stage first.");
            }
        }
        var changed = new StageView(key, stage.name(), stage.position(), stage.kind(), stage.defaultProbability(), active);
        stages.update(changed);
        events.publishEvent(new PipelineStageChanged(actor, key, active ? "activated" : "deactivated",
                Map.of("active", !active), Map.of("active", active)));
        return changed;
    }

    private static int indexOf(List<StageView> all, String key) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).key().equals(key)) {
                return i;
            }
        }
        throw OpportunityNotFoundException.forStage(key);
    }

    private static String checkName(String name) {
        var clean = name.strip();
        if (clean.isEmpty() || clean.length() > 80) {
            throw OpportunityRuleException.of("name", "Give the stage a name of 1 to 80 characters, such as 'Demo booked'.");
        }
        return clean;
    }

    private static void checkProbability(int probability) {
        if (probability < 0 || probability > 100) {
            throw OpportunityRuleException.of("defaultProbability", "Use a probability from 0 to 100 percent.");
        }
    }

    private static String uniqueKey(String name, List<StageView> all) {
        var base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty()) {
            base = "stage";
        }
        base = base.length() > 30 ? base.substring(0, 30) : base;
        var taken = new LinkedHashMap<String, Boolean>();
        all.forEach(s -> taken.put(s.key(), true));
        var key = base;
        for (int i = 2; taken.containsKey(key); i++) {
            key = base + "_" + i;
        }
        return key;
    }
}
