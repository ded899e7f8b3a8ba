package dev.sluice.web;

import dev.sluice.config.SluiceConfig;
import dev.sluice.queue.JobQueues;
import dev.sluice.queue.MemoryUse;
import dev.sluice.schedule.ScheduleStatus;
import dev.sluice.schedule.Scheduler;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.Maintenance;
import dev.sluice.worker.TaskHealth;
import dev.sluice.worker.WorkerInfo;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin page and `GET /admin/status` show: the node's workers, its queues, its broken tasks, its schedules,
 * maintenance mode if it is on, its memory budget and the space left where it keeps its data.
 */
public record NodeOverview(List<WorkerInfo> workers, List<QueueLength> queues, Map<String, String> brokenTasks,
                           List<ScheduleStatus> schedules, Optional<Maintenance> maintenance, MemoryUse memory,
                           Optional<DiskSpace> disk) {

    /** The data folder's file system: bytes this process may still write, and its size. */
    public record DiskSpace(long usable, long total) {

        static Optional<DiskSpace> of(Path dataDir) {
            try {
                FileStore store = Files.getFileStore(dataDir);
                return Optional.of(new DiskSpace(store.getUsableSpace(), store.getTotalSpace()));
            } catch (IOException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** One queue: jobs waiting and running, and its limits. */
    public record QueueLength(String name, int waiting, int running, int concurrency, int maxWaiting) {
    }

    public static NodeOverview read(SluiceConfig config, JobStore store, JobQueues jobQueues, TaskHealth health, Scheduler scheduler,
                                    Path dataDir) {
        List<WorkerInfo> workers = new ArrayList<>(jobQueues.workers());
        workers.sort(Comparator.comparing(WorkerInfo::task).thenComparingLong(WorkerInfo::pid));
        List<QueueLength> queues = new ArrayList<>();
        config.queues().forEach((name, queue) -> queues.add(new QueueLength(name, store.count(name, JobState.ACCEPTED),
                store.count(name, JobState.RUNNING), queue.slotsPerNode(), queue.maxWaiting())));
        Map<String, String> broken = new LinkedHashMap<>();
        config.tasks().keySet().forEach(task -> health.broken(task).ifPresent(b -> broken.put(task, b.message())));
        return new NodeOverview(List.copyOf(workers), List.copyOf(queues), broken, scheduler.statuses(),
                jobQueues.maintenance().active(), jobQueues.memoryUse(), DiskSpace.of(dataDir));
    }
}
