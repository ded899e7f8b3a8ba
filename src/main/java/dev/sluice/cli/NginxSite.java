package dev.sluice.cli;

import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;

/**
 * An nginx server block in front of one Sluice: uploads streamed through at the config's size limit, event streams
 * passed on unbuffered, forwarding headers set for `server.trusted-proxies`, under the config's base path.
 */
final class NginxSite {

    // why: uploads may be this much larger than max-upload in multipart framing; Sluice itself enforces the limit
    private static final long FRAMING_MARGIN = 1 << 20;

    private NginxSite() {
    }

    /** {@code listen}: nginx's listen directive value; {@code serverName}: its server_name. */
    static String render(SluiceConfig config, Path configFile, String listen, String serverName) {
        String upstream = upstreamAddress(config);
        String base = config.server().basePath();
        long bodyLimit = config.server().maxUpload().bytes() + FRAMING_MARGIN;
        StringBuilder site = new StringBuilder()
                .append("# Made by `sluice nginx` for ").append(configFile).append(".\n")
                .append("# Put it in /etc/nginx/conf.d/sluice.conf (it belongs in nginx's http block), then: nginx -t && nginx -s reload\n");
        if (!trustsLoopback(config)) {
            site.append("# Sluice believes these forwarding headers only with server.trusted-proxies: [127.0.0.1/32] (or nginx's address)\n");
        }
        site.append("upstream sluice_backend {\n    server ").append(upstream).append(";\n    keepalive 16;\n}\n\n")
                .append("server {\n    listen ").append(listen).append(";\n    server_name ").append(serverName).append(";\n")
                .append("    # Sluice checks each upload's size, type and rate itself; nginx only stops what can never fit\n")
                .append("    client_max_body_size ").append(bodyLimit).append(";\n\n")
                .append("    # a job's live events: passed on as they come, kept open between the server's keep-alive comments\n")
                .append("    location ~ ^").append(regexQuote(base)).append("/jobs/[^/]+/events$ {\n")
                .append(proxied("        "))
                .append("        proxy_buffering off;\n        proxy_cache off;\n        proxy_read_timeout 1h;\n    }\n\n")
                .append(staticMounts(config, base))
                .append("    location ").append(base).append("/ {\n")
                .append(proxied("        "))
                .append("        # uploads stream through to Sluice, which writes them to the job's folder as they arrive\n")
                .append("        proxy_request_buffering off;\n")
                .append("        # a status request may wait up to 60 s for its job (Prefer: wait)\n")
                .append("        proxy_read_timeout 90s;\n")
                .append("        proxy_send_timeout ").append(config.server().requestTimeout().toSeconds() + 10).append("s;\n    }\n")
                .append("}\n");
        return site.toString();
    }

    // why: nginx serves a prefixed mount's files itself; a mount at / stays with Sluice, whose own routes come first
    private static String staticMounts(SluiceConfig config, String base) {
        StringBuilder blocks = new StringBuilder();
        config.staticFiles().mounts().forEach((prefix, mount) -> {
            if (prefix.equals("/")) {
                blocks.append("    # the static mount at / is served by Sluice, after its own routes\n\n");
                return;
            }
            String dir = mount.dirPath().toString();
            if (!dir.matches("[^$\"\\\\{};]+")) {
                blocks.append("    # static: ").append(prefix).append(" is served by Sluice: nginx cannot take its folder's name\n\n");
                return;
            }
            String fallback = mount.fallbackFile().map(f -> "/" + f).orElse("=404");
            blocks.append("    # static: ").append(prefix).append(" (dotfiles, links and listings refused, as Sluice does)\n")
                    .append("    location ").append(base).append(prefix).append("/ {\n")
                    .append("        alias \"").append(dir).append("/\";\n")
                    .append("        disable_symlinks on;\n        autoindex off;\n        gzip_static on;\n")
                    .append("        add_header Cache-Control \"").append(mount.cacheFor().map(d -> "max-age=" + d.toSeconds())
                            .orElse("no-cache")).append("\";\n")
                    .append("        location ~ /\\. { return 404; }\n")
                    .append("        try_files $uri $uri/index.html ").append(mount.fallbackFile().isPresent()
                            ? base + prefix + fallback : fallback).append(";\n    }\n\n");
        });
        return blocks.toString();
    }

    private static String proxied(String indent) {
        return indent + "proxy_pass http://sluice_backend;\n"
                + indent + "proxy_http_version 1.1;\n"
                + indent + "proxy_set_header Connection \"\";\n"
                + indent + "proxy_set_header Host $http_host;\n"
                + indent + "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                + indent + "proxy_set_header X-Forwarded-Proto $scheme;\n"
                + indent + "proxy_set_header X-Forwarded-Host $http_host;\n"
                + indent + "proxy_set_header Forwarded \"\";\n";
    }

    // why: a server listening on every address is still reached best over loopback from nginx on the same machine
    private static String upstreamAddress(SluiceConfig config) {
        String host = config.server().host();
        String reachable = host.equals("0.0.0.0") || host.isEmpty() ? "127.0.0.1" : host.equals("::") ? "[::1]"
                : host.contains(":") ? "[" + host + "]" : host;
        return reachable + ":" + config.server().port();
    }

    private static boolean trustsLoopback(SluiceConfig config) {
        return config.server().trustedProxies().stream().anyMatch(p -> p.startsWith("127."));
    }

    private static String regexQuote(String path) {
        return path.replaceAll("([.~])", "\\\\$1");
    }
}
