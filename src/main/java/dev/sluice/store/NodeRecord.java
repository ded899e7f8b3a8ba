package dev.sluice.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One registered node as the database sees it: {@code sinceRenewal} and {@code leaseLeft} are measured on the
 * database's clock (a lease left at or below zero has run out), {@code running} counts the jobs it runs.
 */
public record NodeRecord(String id, String name, String marker, Optional<String> address, String version, Instant started,
                         long memoryBudget, Duration sinceRenewal, Duration leaseLeft, int running, boolean leader) {

    public boolean alive() {
        return leaseLeft.isPositive();
    }
}
