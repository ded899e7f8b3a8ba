package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of value a task input accepts. */
public enum InputType {
    @JsonProperty("string") STRING,
    @JsonProperty("number") NUMBER,
    @JsonProperty("integer") INTEGER,
    @JsonProperty("boolean") BOOLEAN,
    @JsonProperty("file") FILE,
    @JsonProperty("image") IMAGE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** File and image inputs arrive as uploads in a multipart request and reach the command as a path. */
    public boolean isUpload() {
        return this == FILE || this == IMAGE;
    }

    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER;
    }
}
