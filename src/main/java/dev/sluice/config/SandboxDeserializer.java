package dev.sluice.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.List;

/** Reads `sandbox:` written as true, false or a mapping of its settings. */
final class SandboxDeserializer extends JsonDeserializer<SandboxConfig> {

    static final String EXPECTED = "is not true, false or a mapping such as { bind: [/ref/data], network: false }";

    /** The mapping form; its own record so that an unknown key inside is reported with its name and line. */
    record Settings(Boolean enabled, List<String> bind, Boolean network) {
    }

    @Override
    public SandboxConfig deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE ? new SandboxConfig(true, List.of(), true) : SandboxConfig.OFF;
        }
        if (token == JsonToken.START_OBJECT) {
            Settings s = ctx.readValue(p, Settings.class);
            return new SandboxConfig(s.enabled() == null || s.enabled(), s.bind(), s.network() == null || s.network());
        }
        // why: env overrides arrive as text, and YAML's `sandbox: "true"` is a plain mistake worth accepting
        String text = p.getValueAsString();
        if ("true".equals(text) || "false".equals(text)) {
            return "true".equals(text) ? new SandboxConfig(true, List.of(), true) : SandboxConfig.OFF;
        }
        throw InvalidFormatException.from(p, "'" + (text == null ? p.getText() : text) + "' " + EXPECTED,
                text, SandboxConfig.class);
    }
}
