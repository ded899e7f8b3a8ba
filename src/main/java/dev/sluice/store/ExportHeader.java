package dev.sluice.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first line of an export file ({@code sluice export}): which format and table layout its rows have, which kind
 * of database they came from and when, and how many rows of each table follow, so an import knows a cut-short file.
 */
public record ExportHeader(int formatVersion, int schemaVersion, String source, Instant exportedAt, Map<String, Long> rows) {

    /** What the header's {@code format} says, so that no other JSON file is taken for an export. */
    public static final String FORMAT = "sluice-export";
    /** The version of the file's own layout (lines, tags, encodings), apart from the tables' {@link #schemaVersion}. */
    public static final int FORMAT_VERSION = 1;

    public ExportHeader {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public long jobs() {
        return rows.getOrDefault("jobs", 0L);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    ObjectNode toJson() {
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("format", FORMAT).put("formatVersion", formatVersion)
                .put("schemaVersion", schemaVersion).put("source", source).put("exportedAt", exportedAt.toString());
        ObjectNode counts = header.putObject("rows");
        rows.forEach(counts::put);
        return header;
    }

    /** The header of {@code file}; refuses a file that is no export, or one whose format or tables this version does not know. */
    static ExportHeader fromJson(Path file, JsonNode header) {
        if (header == null || !header.isObject() || !FORMAT.equals(header.path("format").asText())) {
            throw new StoreException(file + " is not a Sluice export: its first line is not the header `sluice export` writes",
                    null);
        }
        int format = header.path("formatVersion").isInt() ? header.path("formatVersion").intValue() : -1;
        if (format != FORMAT_VERSION) {
            throw new StoreException(file + " is in version " + header.path("formatVersion") + " of the export format, which"
                    + " this version of Sluice does not read (it reads version " + FORMAT_VERSION + ")", null);
        }
        int schema = header.path("schemaVersion").isInt() ? header.path("schemaVersion").intValue() : -1;
        if (schema != PortableTables.SCHEMA_VERSION) {
            throw new StoreException(file + " holds tables of schema version " + header.path("schemaVersion") + ", which this"
                    + " version of Sluice does not import (it imports version " + PortableTables.SCHEMA_VERSION + ")"
                    + (schema > PortableTables.SCHEMA_VERSION ? "; a newer Sluice made it: import it with that version" : ""),
                    null);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        JsonNode counts = header.path("rows");
        for (PortableTables.Table table : PortableTables.ALL) {
            JsonNode count = counts.path(table.name());
            if (!count.canConvertToLong() || !count.isIntegralNumber() || count.longValue() < 0) {
                throw damaged(file, "rows." + table.name());
            }
            rows.put(table.name(), count.longValue());
        }
        if (!counts.isObject() || counts.size() != rows.size() || !header.path("source").isTextual()) {
            throw damaged(file, counts.isObject() && counts.size() != rows.size() ? "rows" : "source");
        }
        try {
            return new ExportHeader(format, schema, header.path("source").textValue(),
                    Instant.parse(header.path("exportedAt").asText()), rows);
        } catch (DateTimeParseException notAnInstant) {
            throw damaged(file, "exportedAt");
        }
    }

    private static StoreException damaged(Path file, String field) {
        return new StoreException(file + " is damaged: its header has no valid " + field, null);
    }
}
