package dev.sluice.store;

import java.util.Optional;

/**
 * A registration that holds running jobs but is no longer alive: its lease ran out, or its row is gone (it left, or
 * it claimed as it was being rescued). {@code marker} is empty when the row is gone.
 */
public record DeadNode(String id, Optional<String> marker) {
}
