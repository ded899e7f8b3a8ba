package dev.sluice.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The `--server` option alone, for commands that send no submitter token (the admin's). */
class ServerUrlOption {

    @Option(names = {"-s", "--server"}, paramLabel = "URL", defaultValue = "${env:SLUICE_URL:-http://127.0.0.1:8080}",
            description = "the server's base URL (default: $SLUICE_URL or http://127.0.0.1:8080)")
    String url;

    /** The server's base URL, ending in a slash so that relative paths resolve below it. */
    URI base() {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }
}
