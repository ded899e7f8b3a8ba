package dev.sluice.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The `--server` option of the commands that talk to a running server, with the submitter token they send. */
final class ServerOption extends ServerUrlOption {

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_TOKEN}",
            description = "the submitter token to send (default: $SLUICE_TOKEN, else the one remembered for this server)")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            defaultValue = "${sys:sluice.token-file:-${env:SLUICE_TOKEN_FILE:-${sys:user.home}/.config/sluice/tokens}}",
            description = "where tokens issued by servers are remembered (default: ~/.config/sluice/tokens)")
    Path tokenFile;

    ApiClient client() {
        return new ApiClient(base(), Optional.ofNullable(token).filter(t -> !t.isBlank()), new TokenFile(tokenFile));
    }
}
