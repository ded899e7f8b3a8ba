package dev.sluice.cli;

/** How the JVM starts job processes; must be set before the first process is started. */
final class ProcessLaunch {

    private static final String MECHANISM = "jdk.lang.Process.launchMechanism";

    private ProcessLaunch() {
    }

    // why: measured on a 2-core VM, the default posix_spawn path costs 5–50 ms per job, growing with the
    // server's heap, while vfork costs about 1.5 ms; an explicit choice by the operator still wins
    static void configure() {
        if (System.getProperty(MECHANISM) == null) {
            System.setProperty(MECHANISM, "VFORK");
        }
    }
}
