package dev.sluice.store;

/** The database failed underneath a store operation (disk full, file unreadable); nothing was committed. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the database could not write because its disk is full (SQLite's SQLITE_FULL). */
    public boolean diskFull() {
        for (Throwable t = this; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("SQLITE_FULL") || message.contains("disk is full")) {
                return true;
            }
        }
        return false;
    }
}
