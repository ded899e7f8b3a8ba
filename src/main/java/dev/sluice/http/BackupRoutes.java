package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.store.JobStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `GET /admin/backup`: a consistent copy of the running server's database, made into a file of its own in the data
 * folder (the same disk, a name the request cannot choose), sent, and removed whatever happens. One at a time, so
 * that backups cannot be used to fill the disk. {@link AdminGuard} lets only the admin in.
 */
final class BackupRoutes {

    static final String CONTENT_TYPE = "application/vnd.sqlite3";
    private static final String PREFIX = ".backup-";
    private static final Logger log = LoggerFactory.getLogger(BackupRoutes.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final JobStore store;
    private final Path dataDir;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    BackupRoutes(JobStore store, Path dataDir, Clock clock) {
        this.store = store;
        this.dataDir = dataDir;
        this.clock = clock;
        removeLeftovers();
    }

    // why: a copy whose sending a crash cut short is of no use to anyone, and as large as the database
    private void removeLeftovers() {
        try (java.util.stream.Stream<Path> files = Files.list(dataDir)) {
            for (Path leftover : files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList()) {
                Files.deleteIfExists(leftover);
                log.info("event=backup-leftover-removed file={}", leftover);
            }
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            log.warn("event=backup-leftover-sweep-failed reason=\"{}\"", unreadable.getMessage());
        }
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/backup", this::backup);
    }

    private void backup(Context ctx) throws IOException {
        // why: a page of another site must not make a visitor's browser have the server copy its database
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw new SluiceException(403, "cross-site", "Cross-site request",
                    "a backup is not made for a request from another site's page", Map.of());
        }
        if (!running.compareAndSet(false, true)) {
            ctx.header("Retry-After", "10");
            throw new SluiceException(409, "backup-running", "Backup running",
                    "a backup of this server is being made; try again when it is done", Map.of());
        }
        Path copy = dataDir.resolve(PREFIX + UUID.randomUUID() + ".db");
        try {
            long started = System.nanoTime();
            // why: the copy holds every job's inputs and owner; made empty and private first, SQLite fills it as it is
            try {
                Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                store.backupTo(copy);
            } catch (UnsupportedOperationException elsewhere) {
                throw new SluiceException(501, "backup-elsewhere", "Backup made elsewhere", elsewhere.getMessage(), Map.of());
            } catch (IOException | RuntimeException failed) {
                Optional<SluiceException> full = DiskFullProblems.of(failed, "the backup", Map.of());
                if (full.isPresent()) {
                    throw full.get();
                }
                throw failed;
            }
            long size = Files.size(copy);
            log.info("event=backup-made bytes={} millis={}", size, (System.nanoTime() - started) / 1_000_000);
            ctx.contentType(CONTENT_TYPE)
                    .header("Content-Length", String.valueOf(size))
                    .header("Content-Disposition", "attachment; filename=\"sluice-" + STAMP.format(clock.instant()) + ".db\"")
                    .header("Cache-Control", "no-store");
            try (InputStream in = Files.newInputStream(copy)) {
                OutputStream out = ctx.res().getOutputStream();
                in.transferTo(out);
                out.flush();
            }
        } finally {
            Files.deleteIfExists(copy);
            running.set(false);
        }
    }
}
