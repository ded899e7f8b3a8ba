package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/**
 * A file sent inline in a JSON execute request, as OGC's binaryInputValue (a base64 string, plain or as the
 * `value` of a qualified input): decoded here, then checked and stored as an uploaded file is.
 */
final class InlineFiles {

    private InlineFiles() {
    }

    static byte[] decode(String input, JsonNode value) {
        if (!value.isTextual()) {
            throw Problems.badInput(input, "must be the file's bytes as a base64 string (or sent as a file in a"
                    + " multipart/form-data request)");
        }
        String text = value.textValue();
        // why: OGC's own example breaks the base64 into lines; nothing else outside its alphabet is let through
        String compact = text.replaceAll("[\\r\\n]", "");
        if (compact.length() % 4 != 0) {
            // why: a short string ("/etc/passwd") meant as a path would otherwise decode to a few bytes of noise
            throw Problems.badInput(input, "is not base64 with its padding (its length, " + compact.length()
                    + ", is not a multiple of 4); send the file's bytes as a base64 string");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(compact);
            if (bytes.length == 0) {
                throw Problems.badInput(input, "is empty; send the file's bytes as a base64 string");
            }
            return bytes;
        } catch (IllegalArgumentException notBase64) {
            throw Problems.badInput(input, "is not base64: " + notBase64.getMessage());
        }
    }
}
