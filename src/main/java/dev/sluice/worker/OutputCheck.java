package dev.sluice.worker;

import dev.sluice.config.OutputSpec;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.FailureReason;
import dev.sluice.store.JobOutcome;
import java.util.Map;

/** A job that says it succeeded must have written every output it declares as required. */
final class OutputCheck {

    private OutputCheck() {
    }

    static JobOutcome afterSuccess(TaskConfig task, JobFolder folder) {
        for (Map.Entry<String, OutputSpec> output : task.outputs().entrySet()) {
            if (!output.getValue().optional() && folder.outputFile(output.getValue().file()).isEmpty()) {
                return new JobOutcome.Failed(FailureReason.INVALID_OUTPUT, "the command succeeded but did not write output '"
                        + output.getKey() + "' (" + output.getValue().file() + ")");
            }
        }
        return new JobOutcome.Succeeded("");
    }
}
