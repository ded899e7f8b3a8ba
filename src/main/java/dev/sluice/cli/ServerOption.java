package dev.sluice.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The `--server` option of the commands that talk to a running server. */
final class ServerOption {

    @Option(names = {"-s", "--server"}, paramLabel = "URL", defaultValue = "${env:SLUICE_URL:-http://127.0.0.1:8080}",
            description = "the server's base URL (default: $SLUICE_URL or http://127.0.0.1:8080)")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_TOKEN}",
            description = "the submitter token to send (default: $SLUICE_TOKEN, else the one remembered for this server)")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            defaultValue = "${sys:sluice.token-file:-${env:SLUICE_TOKEN_FILE:-${sys:user.home}/.config/sluice/tokens}}",
            description = "where tokens issued by servers are remembered (default: ~/.config/sluice/tokens)")
    Path tokenFile;

    ApiClient client() {
        String base = url.endsWith("/") ? url : url + "/";
        return new ApiClient(URI.create(base), Optional.ofNullable(token).filter(t -> !t.isBlank()), new TokenFile(tokenFile));
    }
}
