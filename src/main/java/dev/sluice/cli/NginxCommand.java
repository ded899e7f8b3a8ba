package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `sluice nginx`: prints an nginx server block that puts nginx in front of this Sluice. */
@Command(name = "nginx", mixinStandardHelpOptions = true,
        header = "Print an nginx server block for the config, for those who keep nginx in front.",
        description = {"Print an nginx server block for the config, for those who keep nginx in front: event streams unbuffered,",
                "uploads streamed at the config's size limit, forwarding headers for server.trusted-proxies, the base path."})
final class NginxCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--listen", paramLabel = "ADDRESS", defaultValue = "80",
            description = "nginx's listen directive (default: ${DEFAULT-VALUE}; e.g. '443 ssl' with your certificate lines added)")
    String listen;

    @Option(names = "--server-name", paramLabel = "NAME", defaultValue = "_",
            description = "nginx's server_name (default: ${DEFAULT-VALUE}, any name)")
    String serverName;

    @Override
    public Integer call() {
        if (!listen.matches("[A-Za-z0-9.:\\[\\] ]+") || !serverName.matches("[A-Za-z0-9._*~-]+( [A-Za-z0-9._*~-]+)*")) {
            System.err.println("sluice nginx: --listen and --server-name take nginx's plain values, without ';', quotes or braces");
            return 2;
        }
        try {
            System.out.print(NginxSite.render(config.load(), config.file.toAbsolutePath().normalize(), listen, serverName));
            return 0;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        }
    }
}
