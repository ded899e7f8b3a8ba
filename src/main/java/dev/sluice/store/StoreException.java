package dev.sluice.store;

/** The database failed underneath a store operation (disk full, file unreadable); nothing was committed. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
