package dev.sluice.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The `--server` option of the commands that talk to a running server. */
final class ServerOption {

    @Option(names = {"-s", "--server"}, paramLabel = "URL", defaultValue = "${env:SLUICE_URL:-http://127.0.0.1:8080}",
            description = "the server's base URL (default: $SLUICE_URL or http://127.0.0.1:8080)")
    String url;

    ApiClient client() {
        String base = url.endsWith("/") ? url : url + "/";
        return new ApiClient(URI.create(base));
    }
}
