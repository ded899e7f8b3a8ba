package dev.sluice.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses a JSON request body strictly, or says in a 400 problem what is wrong with it: not UTF-8 (RFC 8259 allows
 * no other encoding), nested deeper than any submission needs, a name or number too long, content after the
 * value, or plain malformed JSON. Numbers are read as exact decimals, so no value changes on its way to its checks.
 */
final class RequestJson {

    static final int DEEPEST = 64;
    private static final int LONGEST_NAME = 1024;
    private static final int LONGEST_NUMBER = 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(DEEPEST).maxNameLength(LONGEST_NAME)
                    .maxNumberLength(LONGEST_NUMBER).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // why: as a double, -1e-999 would become -0.0 and pass `min: 0`; 0.30000000000000001 would pass `step: 0.1`
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private RequestJson() {
    }

    static JsonNode parse(byte[] body) {
        String text = utf8(body);
        try {
            return MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (StreamConstraintsException tooBig) {
            throw Problems.badRequest("the request body goes beyond what this server reads: "
                    + plain(tooBig.getOriginalMessage()).replaceAll(", from `[^`]*`", ""));
        } catch (JsonProcessingException malformed) {
            JsonLocation at = malformed.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw Problems.badRequest("the request body is not valid JSON" + where + ": " + plain(malformed.getOriginalMessage()));
        }
    }

    private static String utf8(byte[] body) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        var result = strict.decode(in, out, true);
        if (result.isError()) {
            throw Problems.badRequest("the request body is not valid UTF-8 (byte " + in.position()
                    + " begins an invalid sequence); JSON must be sent as UTF-8");
        }
        try {
            strict.flush(out);
        } catch (IllegalStateException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.flip().toString();
    }

    // why: the parser's message ends with a description of its own input source, which says nothing to a user
    static String plain(String parserMessage) {
        String message = String.valueOf(parserMessage);
        int noise = message.indexOf(" (start marker");
        message = noise < 0 ? message : message.substring(0, noise);
        int source = message.indexOf("\n at [Source");
        message = source < 0 ? message : message.substring(0, source);
        return message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }
}
