package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The rules of an opportunity that need settings, stages or today's date. Each check adds a message for
 * the field it is about; {@link #throwIfAny(Map)} refuses the change with all of them at once.
 */
final class OpportunityRules {

    static final BigDecimal MAX_VALUE = new BigDecimal("9999999999999.99");

    private final OpportunityProperties properties;
    private final NextActionRules nextActions;
    private final Clock clock;

    OpportunityRules(OpportunityProperties properties, Clock clock) {
        this.properties = properties;
        this.nextActions = new NextActionRules(properties.nextAction());
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(properties.zone()));
    }

    Map<String, String> lostReasons() {
        return properties.reasons();
    }

    String defaultCurrency() {
        return properties.defaultCurrency();
    }

    /** The first open stage: where an unowned lead may wait to be claimed. */
    static StageView leadStage(List<StageView> stages) {
        return stages.stream().filter(StageView::active).filter(StageView::open).findFirst()
                .orElseThrow(() -> new IllegalStateException("the pipeline has no open stage"));
    }

    /** A next action someone just set: present, concrete, not too long. */
    void checkNextAction(@Nullable String action, Map<String, String> errors) {
        if (action == null || action.isBlank()) {
            errors.putIfAbsent("nextAction", "An open opportunity needs a next action: what will be done next, e.g. "
                    + "'Send revised quote with volume discount'.");
        } else if (action.strip().length() > 500) {
            errors.putIfAbsent("nextAction", "Keep the next action to 500 characters; put details in the description.");
        } else if (nextActions.isVague(action)) {
            errors.putIfAbsent("nextAction", "'" + action.strip() + "' is too vague: it does not say what will be done. "
                    + NextActionRules.HINT);
        }
    }

    /** A due date someone just set: present and not in the past. */
    void checkDue(@Nullable LocalDate due, Map<String, String> errors) {
        if (due == null) {
            errors.putIfAbsent("nextActionDue", "Give the next action a due date: when will it be done?");
        } else if (due.isBefore(today())) {
            errors.putIfAbsent("nextActionDue", "The due date " + due + " is in the past. Choose today (" + today()
                    + ") or a later day.");
        }
    }

    /** What must hold after every change. */
    void checkState(Opportunity o, StageView stage, List<StageView> stages, Map<String, String> errors) {
        if (o.title.isBlank()) {
            errors.putIfAbsent("title", "Give the opportunity a title, such as '12 standing desks for the new office'.");
        } else if (o.title.length() > 200) {
            errors.putIfAbsent("title", "Keep the title to 200 characters; put details in the description.");
        }
        if (o.description != null && o.description.length() > 4000) {
            errors.putIfAbsent("description", "Keep the description to 4000 characters.");
        }
        if (!validCurrency(o.currency)) {
            errors.putIfAbsent("currency", "Use a three-letter ISO 4217 currency code, such as EUR, USD or GBP.");
        }
        if (o.value != null && (o.value.signum() < 0 || o.value.compareTo(MAX_VALUE) > 0)) {
            errors.putIfAbsent("value", "Enter a value from 0 to " + MAX_VALUE.toPlainString() + ".");
        }
        if (o.probability < 0 || o.probability > 100) {
            errors.putIfAbsent("probability", "Use a probability from 0 to 100 percent.");
        }
        if (o.source == Source.OTHER && (o.sourceDetail == null || o.sourceDetail.isBlank())) {
            errors.putIfAbsent("sourceDetail", "Say where it came from when the source is 'other'.");
        }
        if (o.sourceDetail != null && o.sourceDetail.length() > 254) {
            errors.putIfAbsent("sourceDetail", "Keep the source detail to 254 characters.");
        }
        if (o.isOpen()) {
            if (!stage.open()) {
                errors.putIfAbsent("stage", "Use close (won or lost) to move into '" + stage.name() + "'.");
            }
            if (o.nextAction == null || o.nextAction.isBlank()) {
                checkNextAction(o.nextAction, errors);
            }
            if (o.nextActionDue == null) {
                checkDue(null, errors);
            }
            if (o.ownerId == null && !stage.key().equals(leadStage(stages).key())) {
                errors.putIfAbsent("owner", "An opportunity beyond '" + leadStage(stages).name()
                        + "' needs an owner. Claim it or assign it to someone first.");
            }
        }
    }

    /** Moving into a won stage: a value above 0, stored or given now. */
    void checkWon(@Nullable BigDecimal value, Map<String, String> errors) {
        if (value == null || value.signum() <= 0) {
            errors.putIfAbsent("value", "Won needs the deal's value (more than 0): what did the customer buy for?");
        }
    }

    /** Moving into a lost stage: a reason from the list, and words for "other". */
    void checkLost(@Nullable String reason, @Nullable String note, Map<String, String> errors) {
        var reasons = properties.reasons();
        if (reason == null || reason.isBlank()) {
            errors.putIfAbsent("lostReason", "Lost needs a reason: one of " + String.join(", ", reasons.keySet()) + ".");
        } else if (!reasons.containsKey(reason.strip())) {
            errors.putIfAbsent("lostReason", "'" + reason + "' is not one of the lost reasons: "
                    + String.join(", ", reasons.keySet()) + ".");
        } else if ("other".equals(reason.strip()) && (note == null || note.isBlank())) {
            errors.putIfAbsent("note", "Say in a few words why it was lost when the reason is 'other'.");
        }
        if (note != null && note.length() > 1000) {
            errors.putIfAbsent("note", "Keep the note to 1000 characters.");
        }
    }

    static boolean validCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String currency(@Nullable String code, String fallback) {
        return code == null || code.isBlank() ? fallback : code.strip().toUpperCase(Locale.ROOT);
    }

    static void throwIfAny(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new OpportunityRuleException(new LinkedHashMap<>(errors));
        }
    }
}
