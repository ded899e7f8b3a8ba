package dev.sluice.store;

import java.sql.SQLException;

/**
 * How a store runs work as one transaction, so that the parts both SQL stores share (retention, callbacks) need not
 * know which database they are in. A SQL failure comes out as a {@link StoreException}, with nothing committed.
 */
interface Transactions {

    /** Work done inside a transaction, with that transaction's statements. */
    interface Work<T> {
        T run(Statements sql) throws SQLException;
    }

    /** Runs {@code work}, which only reads. */
    <T> T read(Work<T> work);

    /** Runs {@code work} as one atomic write, committed when this returns. */
    <T> T write(Work<T> work);
}
