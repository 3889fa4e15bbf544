package org.opportune.activity;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

import org.opportune.shared.JarCommand;

/** {@code java -jar opportune.jar activity verify}: exit 0 when the trail is intact, 1 when it is broken. */
@Component
class ActivityVerifyCommand implements JarCommand {

    private final ActivityService activity;

    ActivityVerifyCommand(ActivityService activity) {
        this.activity = activity;
    }

    @Override
    public String name() {
        return "activity verify";
    }

    @Override
    public String summary() {
        return "check the activity trail's hash chain; exit 1 when it is broken";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        var result = activity.verify();
        if (result.intact()) {
            out.println("intact: " + result.entriesChecked() + " entries checked");
            return 0;
        }
        out.println("broken at entry " + result.firstBrokenId() + ": " + result.problem()
                + " (" + result.entriesChecked() + " entries before it are intact)");
        return 1;
    }
}
