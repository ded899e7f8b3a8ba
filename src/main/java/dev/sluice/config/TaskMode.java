package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a task's jobs get a process: a fresh one per job (exec) or a long-lived worker (warm). */
public enum TaskMode {
    @JsonProperty("exec") EXEC,
    @JsonProperty("warm") WARM
}
