package dev.sluice.worker;

/** Hears when a warm worker starts or is recycled, for counting; calls must be quick and must not throw. */
public interface WorkerEvents {

    WorkerEvents NONE = new WorkerEvents() {
    };

    /** A warm worker of the task said ready and is about to take its first job. */
    default void workerStarted(String task) {
    }

    /** A warm worker of the task was retired after its share of jobs or for its memory. */
    default void workerRecycled(String task) {
    }
}
