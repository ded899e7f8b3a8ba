package dev.sluice.http;

import dev.sluice.SluiceException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a failure to write because the server's disk is full (an upload, or the database accepting a job) into
 * a 507 problem that says so; nothing of the refused request is kept.
 */
final class DiskFullProblems {

    private DiskFullProblems() {
    }

    /** The 507 problem when {@code failure} (or one of its causes) is a full disk; {@code what} names what was not stored. */
    static Optional<SluiceException> of(Throwable failure, String what, Map<String, Object> extensions) {
        if (!isDiskFull(failure)) {
            return Optional.empty();
        }
        return Optional.of(new SluiceException(507, "insufficient-storage", "Insufficient storage",
                "the server's disk is full: " + what + " could not be stored, and nothing of this request was kept; "
                        + "try again once space has been freed", extensions));
    }

    static boolean isDiskFull(Throwable failure) {
        if (failure instanceof dev.sluice.store.StoreException store && store.diskFull()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage())
                    .toLowerCase(Locale.ROOT);
            // why: ENOSPC reads "No space left on device"; SQLite says SQLITE_FULL, "database or disk is full"
            if (message.contains("no space left on device") || message.contains("disk is full") || message.contains("sqlite_full")
                    || message.contains("disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }
}
