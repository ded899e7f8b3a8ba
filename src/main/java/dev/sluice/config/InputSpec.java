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
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> accept,
        Integer maxDimension,
        Long maxPixels) {

    /**
     * Images whose header declares more pixels are refused before decoding unless the input sets `max-pixels`: decoding
     * time grows with the pixels, whatever the file's size.
     */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** A string input without `max-length` takes at most this many characters, so no value is unbounded work. */
    public static final int DEFAULT_MAX_LENGTH = 10_000;

    public InputSpec {
        type = type == null ? InputType.STRING : type;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        accept = accept == null ? List.of() : List.copyOf(accept);
        if (defaultValue != null && defaultValue.isNull()) {
            defaultValue = null;
        }
    }

    /** The most characters a string value may have: `max-length`, else {@link #DEFAULT_MAX_LENGTH}. */
    public int maxLengthOrDefault() {
        return maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
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

    /**
     * The media types an upload's content must have: those listed in `accept`, or for an image input every format
     * it decodes; empty for a file input that takes anything.
     */
    public List<MediaType> acceptedTypes() {
        if (accept.isEmpty() && type == InputType.IMAGE) {
            return MediaType.decodableImages();
        }
        return accept.stream().flatMap(name -> MediaType.named(name).stream()).distinct().toList();
    }

    public long maxPixelsOrDefault() {
        return maxPixels == null ? DEFAULT_MAX_PIXELS : maxPixels;
    }

    public Optional<Integer> maxDimensionIfAny() {
        return Optional.ofNullable(maxDimension);
    }
}
