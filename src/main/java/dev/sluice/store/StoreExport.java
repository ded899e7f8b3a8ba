package dev.sluice.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the whole store of a stopped server (every table, as of one moment) to a file that {@link StoreImport} reads
 * into a store of either kind. Rows stream from the database to the file; none is held longer than its line.
 */
public final class StoreExport {

    /** What was written: the file, its size, and its header (which counts the rows of each table). */
    public record Report(Path file, long bytes, ExportHeader header) {
    }

    private StoreExport() {
    }

    /**
     * Writes {@code source} to {@code file}, through {@code file.part} (readable by its owner only: it holds every job's
     * inputs and the server's keys), renamed to {@code file}, replacing one there, once complete and on disk. The
     * caller keeps servers off the store: it holds the data folder's lock (on PostgreSQL the node lock is taken here).
     */
    public static Report write(StoreLocation source, Path file, Instant now) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new StoreException("cannot write " + file + ": its folder " + folder + " does not exist", null);
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (PortableConnection store = PortableConnection.forExport(source)) {
            store.beginRead();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (PortableTables.Table table : PortableTables.ALL) {
                counts.put(table.name(), count(store, table));
            }
            ExportHeader header = new ExportHeader(ExportHeader.FORMAT_VERSION, PortableTables.SCHEMA_VERSION, source.kind(),
                    now, counts);
            createPrivately(part);
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                ExportFileWriter writer = new ExportFileWriter(out);
                writer.header(header);
                for (PortableTables.Table table : PortableTables.ALL) {
                    long written = copyRows(store, table, writer);
                    if (written != counts.get(table.name())) {
                        throw new StoreException(source.describe() + " changed while it was exported (" + table.name()
                                + "); is a server using it?", null);
                    }
                }
                writer.end();
                channel.force(true);
            }
            store.connection().rollback();
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Report(file, Files.size(file), header);
        } catch (SQLException e) {
            deleteQuietly(part);
            throw new StoreException("cannot read " + source.describe() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new StoreException("cannot write " + part + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    private static long count(PortableConnection store, PortableTables.Table table) throws SQLException {
        try (Statement statement = store.connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table.name())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long copyRows(PortableConnection store, PortableTables.Table table, ExportFileWriter writer)
            throws SQLException, IOException {
        long rows = 0;
        try (Statement statement = store.streamingStatement();
             ResultSet rs = statement.executeQuery("SELECT " + table.columnList() + " FROM " + table.name() + " ORDER BY "
                     + table.orderBy())) {
            while (rs.next()) {
                ObjectNode row = ExportFileWriter.JSON.createObjectNode();
                for (int i = 0; i < table.columns().size(); i++) {
                    PortableColumn column = table.columns().get(i);
                    row.set(column.name(), column.read(rs, i + 1));
                }
                writer.row(table.name(), row);
                rows++;
            }
        }
        return rows;
    }

    // why: made with its final permissions, so the job inputs and keys are never readable by others, not even briefly
    private static void createPrivately(Path part) throws IOException {
        Files.deleteIfExists(part);
        try {
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(part);
        }
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // a leftover .part file says itself what it is
        }
    }
}
