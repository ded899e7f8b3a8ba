package dev.sluice.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task: the command that does the work, its typed inputs and outputs, its queue and its priority there (higher
 * starts first), its limits, its preflight check and its sandbox.
 */
public record TaskConfig(
        String title,
        String description,
        List<String> command,
        String workdir,
        TaskMode mode,
        String queue,
        Map<String, InputSpec> inputs,
        Map<String, OutputSpec> outputs,
        Limits limits,
        Map<String, String> env,
        Integer retries,
        List<String> preflight,
        SandboxConfig sandbox,
        RetentionConfig retention,
        Integer priority,
        SyncConfig sync) {

    public TaskConfig {
        command = command == null ? List.of() : List.copyOf(command);
        mode = mode == null ? TaskMode.EXEC : mode;
        queue = queue == null ? SluiceConfig.DEFAULT_QUEUE : queue;
        inputs = inputs == null ? Map.of() : unmodifiableInOrder(inputs);
        outputs = outputs == null ? Map.of() : unmodifiableInOrder(outputs);
        limits = limits == null ? new Limits(null, null, null, null, null, null, null, null, null) : limits;
        env = env == null ? Map.of() : unmodifiableInOrder(env);
        retries = retries == null ? 0 : retries;
        priority = priority == null ? 0 : priority;
        preflight = preflight == null ? List.of() : List.copyOf(preflight);
    }

    /**
     * This task with the config's default sandbox when it declares none of its own. Before the config is whole,
     * {@link #sandbox()} may be null (not said); afterwards it never is.
     */
    TaskConfig inheritingSandbox(SandboxConfig byDefault) {
        return sandbox != null ? this : new TaskConfig(title, description, command, workdir, mode, queue, inputs, outputs,
                limits, env, retries, preflight, byDefault, retention, priority, sync);
    }

    /** How long an execute request may wait for this task's job to end, when the task answers synchronously. */
    public java.util.Optional<SyncConfig> syncIfAny() {
        return java.util.Optional.ofNullable(sync);
    }

    /** How long this task's finished jobs are kept: its own `retention` over the top-level one. */
    public RetentionConfig retentionOver(RetentionConfig defaults) {
        return retention == null ? defaults : retention.over(defaults);
    }

    public Optional<Path> workdirPath() {
        return Optional.ofNullable(workdir).map(Path::of);
    }

    // why: Map.copyOf loses the order the author wrote, and forms and descriptions should follow it
    private static <V> Map<String, V> unmodifiableInOrder(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
