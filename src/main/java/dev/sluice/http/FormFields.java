package dev.sluice.http;

import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text fields of a multipart form, decoded as strict UTF-8: a field whose bytes are not UTF-8 is refused
 * naming its input, where a lenient decoder would quietly pass U+FFFD replacement characters on to the command.
 */
final class FormFields {

    private FormFields() {
    }

    /** Field name to its values, in the order sent; file parts are left out. */
    static Map<String, List<String>> of(Collection<Part> parts) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part.getSubmittedFileName() != null) {
                continue;
            }
            byte[] bytes;
            try (InputStream content = part.getInputStream()) {
                bytes = content.readAllBytes();
            }
            fields.computeIfAbsent(part.getName(), name -> new ArrayList<>()).add(decode(part.getName(), bytes));
        }
        return fields;
    }

    private static String decode(String name, byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (strict.decode(in, out, true).isError() || strict.flush(out).isError()) {
            throw Problems.badInput(SubmissionReader.abbreviate(name), "is not valid UTF-8 text (byte " + in.position()
                    + " begins an invalid sequence); form fields must be sent as UTF-8");
        }
        return out.flip().toString();
    }
}
