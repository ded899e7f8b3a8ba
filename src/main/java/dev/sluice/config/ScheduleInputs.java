package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A schedule's fixed inputs, checked as a submission's are (the same {@link InputRules}), with the task's defaults
 * added: the config check reports each problem, and the scheduler gets the values the command line needs.
 */
public final class ScheduleInputs {

    private ScheduleInputs() {
    }

    /** The inputs as the command needs them; each problem goes to {@code problem} with its pointer, then they are partial. */
    public static Map<String, String> canonical(String at, ScheduleConfig schedule, TaskConfig task, BiConsumer<String, String> problem) {
        Map<String, String> values = new LinkedHashMap<>();
        schedule.inputs().forEach((name, value) -> {
            InputSpec spec = task.inputs().get(name);
            if (spec == null) {
                problem.accept(at + "/inputs/" + name, "task '" + schedule.task() + "' has no input '" + name + "'"
                        + (task.inputs().isEmpty() ? "" : "; it takes: " + String.join(", ", task.inputs().keySet())));
            } else if (spec.type().isUpload()) {
                problem.accept(at + "/inputs/" + name, "is a " + spec.type().name().toLowerCase(java.util.Locale.ROOT)
                        + " input; a schedule cannot upload files (give the task a path as a string input instead)");
            } else {
                put(values, at + "/inputs/" + name, name, spec, value, problem);
            }
        });
        task.inputs().forEach((name, spec) -> {
            if (schedule.inputs().containsKey(name)) {
                return;
            }
            if (spec.defaultValue() != null) {
                put(values, at + "/inputs", name, spec, spec.defaultValue(), problem);
            } else if (spec.mustBeSent()) {
                problem.accept(at + "/inputs", "input '" + name + "' of task '" + schedule.task() + "' is required");
            }
        });
        return values;
    }

    private static void put(Map<String, String> values, String at, String name, InputSpec spec, JsonNode value,
                            BiConsumer<String, String> problem) {
        try {
            values.put(name, InputRules.canonical(name, spec, value));
        } catch (InputRules.InvalidValue invalid) {
            problem.accept(at, invalid.getMessage());
        }
    }
}
