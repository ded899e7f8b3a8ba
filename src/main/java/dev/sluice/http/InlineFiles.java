package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A file input sent inside a JSON execute request (/req/core/process-execute-input-inline-binary): a base64 string,
 * plain or qualified (`{"value": "…", "mediaType": "image/png", "encoding": "base64"}`). The bytes then pass the same
 * checks as an upload; the declared media type is not trusted, the content decides as for a multipart part.
 */
final class InlineFiles {

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]");

    private InlineFiles() {
    }

    static byte[] decode(String input, JsonNode given) {
        JsonNode value = SubmissionReader.unwrap(input, given);
        JsonNode encoding = given.isObject() ? given.get("encoding") : null;
        if (encoding != null && !encoding.isNull() && !"base64".equalsIgnoreCase(encoding.asText())) {
            throw Problems.badInput(input, "has encoding '" + SubmissionReader.abbreviate(encoding.asText())
                    + "'; a file in a JSON request is base64-encoded (or upload it in a multipart/form-data request)");
        }
        if (!value.isTextual()) {
            throw Problems.badInput(input, "is a file: send its content base64-encoded in a string, or upload it in a"
                    + " multipart/form-data request");
        }
        // why: RFC 2045 encoders break lines every 76 characters; anything else outside the alphabet is refused
        String text = LINE_BREAKS.matcher(value.textValue()).replaceAll("");
        if (text.isEmpty()) {
            throw Problems.badInput(input, "is empty; send the file's content base64-encoded");
        }
        if (text.length() % 4 != 0) {
            // why: a short string ("/etc/passwd") meant as a path would otherwise decode to a few bytes of noise
            throw Problems.badInput(input, "is not base64 with its padding (its length, " + text.length()
                    + ", is not a multiple of 4); send the file's content base64-encoded");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw Problems.badInput(input, "is not valid base64: " + notBase64.getMessage());
        }
    }
}
