package dev.sluice.queue;

import dev.sluice.store.ClusterSignals;
import java.util.Map;

/**
 * Wakes this node's idle queue slots for jobs queued anywhere (another node's submission, schedule tick or retry): a
 * slot would otherwise find them only at its next look, up to a second later. A queue this node does not serve is
 * ignored.
 */
final class QueueWakeUps implements ClusterSignals.QueueWork {

    private final Map<String, QueueDispatcher> dispatchers;

    QueueWakeUps(Map<String, QueueDispatcher> dispatchers) {
        this.dispatchers = dispatchers;
    }

    @Override
    public void arrived(String queue, int signals) {
        QueueDispatcher dispatcher = dispatchers.get(queue);
        if (dispatcher != null) {
            dispatcher.wake(signals);
        }
    }

    @Override
    public void mayHaveMissed() {
        dispatchers.values().forEach(QueueDispatcher::wakeAll);
    }
}
