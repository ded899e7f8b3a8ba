package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** One declared input of a task: its type and the checks every submitted value must pass. */
public record InputSpec(
        InputType type,
        String title,
        String description,
        @JsonProperty("default") JsonNode defaultValue,
        Boolean required,
        Integer maxLength,
        String pattern,
        @JsonProperty("enum") List<String> allowed,
        BigDecimal min,
        BigDecimal max,
        BigDecimal step,
        DataSize maxSize,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> accept) {

    public InputSpec {
        type = type == null ? InputType.STRING : type;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        accept = accept == null ? List.of() : List.copyOf(accept);
        if (defaultValue != null && defaultValue.isNull()) {
            defaultValue = null;
        }
    }

    /** An input must be sent unless it has a default or is marked `required: false`. */
    public boolean mustBeSent() {
        return defaultValue == null && (required == null || required);
    }

    public Optional<JsonNode> defaultIfAny() {
        return Optional.ofNullable(defaultValue);
    }

    /** Where the multiples of `step` are counted from: `min`, else 0, as an HTML form's step attribute counts. */
    public BigDecimal stepBase() {
        return min == null ? BigDecimal.ZERO : min;
    }

    /** The media types an upload's content must have; empty for a file input that takes anything. */
    public List<MediaType> acceptedTypes() {
        return accept.stream().flatMap(name -> MediaType.named(name).stream()).distinct().toList();
    }
}
