package dev.sluice.store;

import java.util.Locale;

/** Where a job is in its life; the names are those of OGC API – Processes status documents. */
public enum JobState {
    ACCEPTED, RUNNING, SUCCESSFUL, FAILED, DISMISSED;

    public boolean isFinal() {
        return this == SUCCESSFUL || this == FAILED || this == DISMISSED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
