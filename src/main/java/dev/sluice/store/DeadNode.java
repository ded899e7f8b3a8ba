package dev.sluice.store;

import java.util.Optional;

/**
 * A registration that holds running jobs but is no longer alive: its lease ran out, or its row is gone (it left, or
 * it claimed as it was being rescued), or it is an earlier start of this very node ({@code earlierSelf}: its lease may
 * not have run out yet, but the node holds its name's lock in data-dir, so that start is over). {@code marker} is empty
 * when the row is gone.
 */
public record DeadNode(String id, Optional<String> marker, boolean earlierSelf) {

    public DeadNode(String id, Optional<String> marker) {
        this(id, marker, false);
    }
}
