package dev.sluice.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an export file ({@link ExportFileWriter}) row by row, checking as it goes: a header this version knows, rows of
 * known tables with exactly their columns, each value of its column's kind, and at the end the row counts and the
 * digest. Every problem is a {@link StoreException} whose message, one line, names the file and what is wrong.
 */
final class ExportFileReader implements AutoCloseable {

    /** A row as read: its table, and its values in the order of the table's columns. */
    record Row(PortableTables.Table table, List<JsonNode> values) {
    }

    // why: Jackson's default cap on a string (20 MB) is below what a line may hold; the line's length is capped instead
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(ExportLines.LONGEST).build()).build()).build();

    private final Path file;
    private final ExportLines lines;
    private final MessageDigest digest = ExportFileWriter.sha256();
    private final Map<String, Long> counted = new HashMap<>();
    private final ExportHeader header;
    private long rows;

    private ExportFileReader(Path file, InputStream in) {
        this.file = file;
        this.lines = new ExportLines(in);
        this.header = ExportHeader.fromJson(file, firstLine());
    }

    /** Opens {@code file} and reads its header; refuses a file that is not an export this version can import. */
    static ExportFileReader open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " is not a file", null);
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new ExportFileReader(file, in);
        } catch (RuntimeException refused) {
            closeQuietly(in);
            throw refused;
        }
    }

    ExportHeader header() {
        return header;
    }

    /** The next row, or empty once the end line is read and the whole file found complete and intact. */
    Optional<Row> next() {
        byte[] line = read();
        if (line == null) {
            throw new StoreException(file + " is cut short: it ends after " + rows + " of the " + header.totalRows()
                    + " rows its header announces, without its end line", null);
        }
        JsonNode node = parse(line);
        if (node.has("end")) {
            checkEnd(node);
            return Optional.empty();
        }
        digest.update(line);
        digest.update((byte) '\n');
        return Optional.of(row(node));
    }

    private Row row(JsonNode node) {
        String name = node.path("table").asText("");
        PortableTables.Table table = PortableTables.named(name)
                .orElseThrow(() -> corrupt("line " + lines.number() + " names no table of Sluice's ('" + name + "')"));
        JsonNode values = node.path("row");
        if (!values.isObject() || values.size() != table.columns().size()) {
            throw corrupt("line " + lines.number() + " does not hold a row of " + name + " (" + table.columnList() + ")");
        }
        List<JsonNode> ordered = new ArrayList<>(table.columns().size());
        for (PortableColumn column : table.columns()) {
            JsonNode value = values.get(column.name());
            if (value == null || !column.accepts(value)) {
                throw corrupt("line " + lines.number() + " has " + (value == null ? "no " : "a wrong value for ") + name + "."
                        + column.name());
            }
            ordered.add(value);
        }
        counted.merge(name, 1L, Long::sum);
        rows++;
        return new Row(table, ordered);
    }

    private void checkEnd(JsonNode end) {
        String expected = HexFormat.of().formatHex(digest.digest());
        if (!ExportFileWriter.END.equals(end.path("end").asText()) || !expected.equals(end.path("sha256").asText())) {
            throw corrupt("its content does not match the digest on its last line");
        }
        for (PortableTables.Table table : PortableTables.ALL) {
            long announced = header.rows().getOrDefault(table.name(), 0L);
            long found = counted.getOrDefault(table.name(), 0L);
            if (announced != found) {
                throw corrupt("it holds " + found + " rows of " + table.name() + " where its header announces " + announced);
            }
        }
        if (read() != null) {
            throw corrupt("there is more after its end line");
        }
    }

    /** The header line parsed (null when it is no JSON); a file cut short within it is no export unless it began as one. */
    private JsonNode firstLine() {
        byte[] line;
        try {
            line = lines.next();
        } catch (ExportLines.CutShort cut) {
            // why: half a line does not parse; the start the writer always gives a header tells a cut export from other files
            if (new String(cut.partial, StandardCharsets.UTF_8).startsWith("{\"format\":\"" + ExportHeader.FORMAT + "\"")) {
                throw new StoreException(file + " is cut short: it ends within its header", null);
            }
            return null;
        } catch (ExportLines.TooLong tooLong) {
            return null;
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (line == null) {
            throw new StoreException(file + " is empty, not a Sluice export", null);
        }
        digest.update(line);
        digest.update((byte) '\n');
        try {
            return JSON.readTree(line);
        } catch (IOException notJson) {
            return null;
        }
    }

    private byte[] read() {
        try {
            return lines.next();
        } catch (ExportLines.CutShort cut) {
            throw new StoreException(file + " is cut short: its last line (" + lines.number() + ") ends without its newline",
                    null);
        } catch (ExportLines.TooLong tooLong) {
            throw corrupt("line " + lines.number() + " is longer than any line an export writes");
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private JsonNode parse(byte[] line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException notJson) {
            // said below, without the parser's report of where in a possibly huge line it stopped
        }
        throw corrupt("line " + lines.number() + " is not a JSON object");
    }

    private StoreException corrupt(String what) {
        return new StoreException(file + " is damaged: " + what, null);
    }

    @Override
    public void close() {
        lines.close();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was read from it that matters
        }
    }
}
