package org.opportune.opportunity;

import java.util.Map;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/** Changes of the pipeline's stages, audited. */
public final class PipelineEvents {

    private PipelineEvents() {
    }

    /** A stage was added, renamed, moved, (de)activated or got another default probability. */
    public record PipelineStageChanged(Actor actor, String stageKey, String what, Map<String, Object> before,
            Map<String, Object> after) implements Audited {
        public String action() { return "pipeline.stage_" + what; }
        public String subjectType() { return "pipeline_stage"; }
        public String subjectId() { return stageKey; }
    }
}
