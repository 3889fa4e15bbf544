package org.opportune.opportunity;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A stage an opportunity was in: when it entered, when it left ({@code null}: still there) and for how long. */
public record StageHistoryEntry(String stage, String stageName, Instant enteredAt, @Nullable Instant leftAt,
        Duration timeInStage, String enteredBy) {

    /** "3 d 4 h", "5 h 10 min", "2 min". */
    public String timeInStageText() {
        var days = timeInStage.toDays();
        var hours = timeInStage.toHoursPart();
        var minutes = timeInStage.toMinutesPart();
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return Math.max(0, minutes) + " min";
    }
}
