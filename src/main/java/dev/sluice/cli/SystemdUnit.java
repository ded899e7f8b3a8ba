package dev.sluice.cli;

import dev.sluice.config.SluiceConfig;
import dev.sluice.worker.SandboxProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A systemd service unit for one config: restarts on failure, gives a stop more time than the drain takes, and
 * confines the server to what it needs (its data folder and log writable, the rest of the system read-only).
 */
final class SystemdUnit {

    // why: after the drain, the server still stops its job processes and closes the database; this is their margin
    private static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    private SystemdUnit() {
    }

    /** {@code command}: the program and its arguments up to (not including) `serve`. */
    static String render(SluiceConfig config, Path configFile, List<String> command, String user) {
        List<String> writable = new ArrayList<>();
        writable.add(config.storage().dataPath().toString());
        config.log().filePath().ifPresent(log -> writable.add(log.getParent().toString()));
        long stopSeconds = config.server().drainTimeout().plus(STOP_MARGIN).toSeconds();
        boolean lowPort = config.server().port() > 0 && config.server().port() < 1024;
        StringBuilder unit = new StringBuilder()
                .append("# Made by `sluice systemd` for ").append(configFile).append(".\n")
                .append("# Install: save as /etc/systemd/system/sluice.service, then\n")
                .append("#   systemctl daemon-reload && systemctl enable --now sluice\n")
                .append("[Unit]\nDescription=Sluice job server (").append(configFile.getFileName()).append(")\n")
                .append("After=network-online.target\nWants=network-online.target\n\n")
                .append("[Service]\nType=simple\n")
                .append("User=").append(user).append('\n')
                .append("WorkingDirectory=").append(configFile.getParent()).append('\n')
                .append("ExecStart=").append(quoted(command)).append(" serve --config ").append(quote(configFile.toString())).append('\n')
                .append("# an admin password or other secrets: put SLUICE_... variables in this file (mode 0600)\n")
                .append("EnvironmentFile=-/etc/sluice/sluice.env\n")
                .append("Restart=on-failure\nRestartSec=2s\n")
                .append("# SIGTERM to the server alone: it drains (server.drain-timeout) and stops its own job processes\n")
                .append("KillMode=mixed\nTimeoutStopSec=").append(stopSeconds).append("s\n")
                .append("LimitNOFILE=65536\n")
                .append("NoNewPrivileges=yes\nPrivateTmp=yes\nPrivateDevices=yes\n")
                .append("ProtectSystem=strict\nProtectHome=read-only\n")
                .append("ReadWritePaths=").append(String.join(" ", writable.stream().map(SystemdUnit::quote).toList())).append('\n')
                .append("ProtectKernelTunables=yes\nProtectKernelModules=yes\nProtectKernelLogs=yes\nProtectControlGroups=yes\n")
                .append("ProtectClock=yes\nProtectHostname=yes\nRestrictRealtime=yes\nRestrictSUIDSGID=yes\nLockPersonality=yes\n")
                .append("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\nSystemCallArchitectures=native\nUMask=0077\n");
        if (SandboxProbe.needed(config)) {
            unit.append("# sandboxed tasks run in bubblewrap, which needs user, mount, pid and network namespaces\n");
        } else {
            unit.append("RestrictNamespaces=yes\n");
        }
        if (lowPort) {
            unit.append("AmbientCapabilities=CAP_NET_BIND_SERVICE\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE\n");
        } else {
            unit.append("CapabilityBoundingSet=\n");
        }
        return unit.append("\n[Install]\nWantedBy=multi-user.target\n").toString();
    }

    private static String quoted(List<String> words) {
        return String.join(" ", words.stream().map(SystemdUnit::quote).toList());
    }

    // why: systemd splits ExecStart at spaces and reads backslashes, quotes and % as its own; escape them all
    private static String quote(String word) {
        String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
        return escaped.matches("[A-Za-z0-9_./:=+,@-]+") ? escaped : "\"" + escaped + "\"";
    }
}
