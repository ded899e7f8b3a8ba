package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of value a task input accepts. */
public enum InputType {
    @JsonProperty("string") STRING,
    @JsonProperty("number") NUMBER,
    @JsonProperty("integer") INTEGER,
    @JsonProperty("boolean") BOOLEAN,
    @JsonProperty("file") FILE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
