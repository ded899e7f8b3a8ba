package dev.sluice.schedule;

import dev.sluice.store.JobId;
import dev.sluice.store.JobStore;
import dev.sluice.worker.FolderTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * `max-disk`: measures each finished job's folder once (recorded in the store), then removes the jobs that finished
 * first while the recorded sizes add up to more than the cap. Running jobs' folders are not counted.
 */
final class DiskCap {

    private final JobStore store;
    private final Path jobsFolder;
    private final int batch;
    private final BooleanSupplier pause;

    DiskCap(JobStore store, Path jobsFolder, int batch, BooleanSupplier pause) {
        this.store = store;
        this.jobsFolder = jobsFolder;
        this.batch = batch;
        this.pause = pause;
    }

    RetentionSweeper.Sweep trim(long maxBytes) {
        measure();
        long used = store.retention().diskUse();
        int jobs = 0;
        long freed = 0;
        while (used > maxBytes) {
            LinkedHashMap<JobId, Long> oldest = store.retention().oldestFinished(batch);
            if (oldest.isEmpty()) {
                break;
            }
            List<JobId> chosen = new ArrayList<>();
            for (Map.Entry<JobId, Long> job : oldest.entrySet()) {
                if (used <= maxBytes) {
                    break;
                }
                chosen.add(job.getKey());
                used -= job.getValue();
            }
            for (JobId id : chosen) {
                freed += remove(jobsFolder.resolve(id.value()));
            }
            jobs += store.retention().remove(chosen).size();
            if (!pause.getAsBoolean()) {
                break;
            }
        }
        return new RetentionSweeper.Sweep(jobs, freed);
    }

    /** Removes a job's folder, returning the bytes it took. */
    static long remove(Path folder) {
        try {
            return FolderTree.delete(folder);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot remove " + folder, failed);
        }
    }

    private static long measure(Path folder) {
        try {
            return FolderTree.size(folder);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot measure " + folder, failed);
        }
    }

    private void measure() {
        while (true) {
            List<JobId> unmeasured = store.retention().unmeasured(batch);
            Map<JobId, Long> sizes = new HashMap<>();
            unmeasured.forEach(id -> sizes.put(id, measure(jobsFolder.resolve(id.value()))));
            store.retention().recordDiskUse(sizes);
            if (unmeasured.size() < batch || !pause.getAsBoolean()) {
                return;
            }
        }
    }
}
