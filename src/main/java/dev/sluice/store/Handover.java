package dev.sluice.store;

import java.util.Optional;

/** What a queue slot gets from one commit between two jobs: the job it ended and the next one it claimed. */
public record Handover(Job finished, Optional<Job> next) {
}
