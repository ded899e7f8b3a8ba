package dev.sluice.cli;

import picocli.CommandLine;

/** The version printed by `sluice --version`, from the jar's manifest when there is one. */
final class Version implements CommandLine.IVersionProvider {

    static String current() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sluice " + current()};
    }
}
