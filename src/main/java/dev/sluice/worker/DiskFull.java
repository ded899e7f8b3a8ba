package dev.sluice.worker;

import dev.sluice.config.DataSize;
import dev.sluice.store.FailureReason;
import dev.sluice.store.JobOutcome;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.Set;

/**
 * Tells a job that failed because a disk filled up from one that failed for reasons of its own, so that its
 * outcome says so (reason `disk-full`) instead of showing only an exit code: the data folder's disk has (almost)
 * no room left, or the job's output says "No space left on device", or its log could not be written.
 */
final class DiskFull {

    // why: a job that filled the disk leaves a few blocks at most; less than this is no room to work in
    static final long NEARLY_FULL = 1L << 20;
    private static final String ENOSPC = "No space left on device";
    private static final Set<FailureReason> REFINED = Set.of(FailureReason.EXIT_CODE, FailureReason.CRASHED, FailureReason.INVALID_OUTPUT);

    private DiskFull() {
    }

    static JobOutcome refine(JobOutcome outcome, JobFolder folder, String tail) {
        if (!(outcome instanceof JobOutcome.Failed failed) || !REFINED.contains(failed.reason())) {
            return outcome;
        }
        try {
            FileStore disk = Files.getFileStore(folder.root());
            long free = disk.getUsableSpace();
            if (free < NEARLY_FULL) {
                return new JobOutcome.Failed(FailureReason.DISK_FULL, "the disk of the server's data folder is full ("
                        + new DataSize(free) + " free of " + new DataSize(disk.getTotalSpace()) + "); " + failed.message());
            }
        } catch (IOException unknown) {
            // the tail may still tell
        }
        // why: a warm task's own error (an OSError it raised) arrives in the failure's message, not in its log
        if (tail.contains(ENOSPC) || tail.contains(OutputPump.LOG_FAILED) || failed.message().contains(ENOSPC)) {
            return new JobOutcome.Failed(FailureReason.DISK_FULL, "a disk the job writes to is full (" + ENOSPC + "); "
                    + failed.message());
        }
        return outcome;
    }
}
