package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** One declared output: a file the job writes into `{out}`, linked in the results or, with a type, inlined. */
public record OutputSpec(String file, OutputType type, String title, Boolean optional) {

    /** How an output file's content appears in the results document. */
    public enum OutputType {
        @JsonProperty("string") STRING,
        @JsonProperty("number") NUMBER,
        @JsonProperty("boolean") BOOLEAN,
        @JsonProperty("json") JSON
    }

    public OutputSpec {
        optional = optional != null && optional;
    }

    public Optional<OutputType> inlineType() {
        return Optional.ofNullable(type);
    }
}
