package dev.sluice.store;

/**
 * What the nodes sharing a store tell each other as it happens: that a queue got work, and that a job changed (so
 * event streams on every node follow a job wherever it runs). A store used by one node alone has nothing to tell:
 * {@link #NONE}. Listeners are added before {@link #start}; {@link JobStore#close} stops the signals with the store.
 */
public interface ClusterSignals {

    /** No other node: nothing is ever heard, and starting costs nothing. */
    ClusterSignals NONE = new ClusterSignals() {
        @Override
        public void onQueueWork(QueueWork listener) {
        }

        @Override
        public void onRemoteChange(RemoteChanges listener) {
        }

        @Override
        public void start() {
        }
    };

    /** Hears of jobs queued on other nodes, on the thread that listens: it must return at once. */
    void onQueueWork(QueueWork listener);

    /** Hears of changes committed by other nodes, in order, on a thread of their own: it may call the store. */
    void onRemoteChange(RemoteChanges listener);

    /** Starts listening; returns once it listens (or, with the database down, once it has begun to retry). */
    void start();

    /** Hears which queues have new work. */
    interface QueueWork {

        /** {@code signals} jobs were queued (or put back) in the queue, told in one batch. */
        void arrived(String queue, int signals);

        /** Signals may have been lost while the database could not be heard: every queue is worth a look. */
        void mayHaveMissed();
    }

    /** Hears what other nodes did to jobs. */
    interface RemoteChanges {

        void changed(RemoteChange change);

        /** Changes may have been lost while the database could not be heard: what is watched is worth reading again. */
        void mayHaveMissed();
    }
}
