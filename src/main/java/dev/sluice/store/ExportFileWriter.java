package dev.sluice.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes an export file as JSON lines: the header, then one line per row ({@code {"table": …, "row": {…}}}), then an
 * end line with the number of rows and the SHA-256 of every byte before it, by which an import tells a complete,
 * intact file from a cut-short or damaged one.
 */
final class ExportFileWriter {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String END = "sluice-export-end";

    private final DigestOutputStream out;
    private long rows;

    ExportFileWriter(OutputStream out) {
        this.out = new DigestOutputStream(out, sha256());
    }

    void header(ExportHeader header) throws IOException {
        line(header.toJson());
    }

    void row(String table, ObjectNode values) throws IOException {
        ObjectNode line = JSON.createObjectNode().put("table", table);
        line.set("row", values);
        line(line);
        rows++;
    }

    /** Writes the end line; the stream underneath stays open, for its owner to sync and close. */
    void end() throws IOException {
        String digest = HexFormat.of().formatHex(out.getMessageDigest().digest());
        out.on(false);
        line(JSON.createObjectNode().put("end", END).put("rows", rows).put("sha256", digest));
        out.flush();
    }

    private void line(JsonNode node) throws IOException {
        out.write(JSON.writeValueAsBytes(node));
        out.write('\n');
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("this JVM has no SHA-256", missing);
        }
    }
}
