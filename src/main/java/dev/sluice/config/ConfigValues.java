package dev.sluice.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;

/** Teaches the YAML binder the config's own value formats: sizes (`110MB`), durations (`10m`) and `sandbox`. */
final class ConfigValues {

    private ConfigValues() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("sluice-config-values");
        module.addDeserializer(DataSize.class, new JsonDeserializer<>() {
            @Override
            public DataSize deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    long bytes = p.getLongValue();
                    if (bytes < 0) {
                        throw InvalidFormatException.from(p, "a size cannot be negative", bytes, DataSize.class);
                    }
                    return new DataSize(bytes);
                }
                String text = p.getValueAsString();
                try {
                    return DataSize.parse(text == null ? p.getText() : text);
                } catch (IllegalArgumentException bad) {
                    throw InvalidFormatException.from(p, bad.getMessage(), text, DataSize.class);
                }
            }
        });
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                try {
                    return Durations.parse(text == null ? p.getText() : text);
                } catch (IllegalArgumentException bad) {
                    throw InvalidFormatException.from(p, bad.getMessage(), text, Duration.class);
                }
            }
        });
        module.addDeserializer(SandboxConfig.class, new SandboxDeserializer());
        module.addDeserializer(StaticMount.class, new StaticMountDeserializer());
        return module;
    }
}
