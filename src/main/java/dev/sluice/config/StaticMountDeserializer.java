package dev.sluice.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;

/** Reads a mount in its short form (`"/": ./site`) or its long form (`{ dir: ./site, cache: 30d, fallback: index.html }`). */
final class StaticMountDeserializer extends JsonDeserializer<StaticMount> {

    /** The long form as written; unknown keys in it are refused by name, as everywhere else in the config. */
    record LongForm(String dir, Duration cache, String fallback) {
    }

    @Override
    public StaticMount deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return new StaticMount(p.getText(), null, null);
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return (StaticMount) ctx.handleUnexpectedToken(StaticMount.class, p);
        }
        LongForm form = ctx.readValue(p, LongForm.class);
        return new StaticMount(form.dir(), form.cache(), form.fallback());
    }
}
