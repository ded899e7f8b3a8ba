package dev.sluice.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whether a task's processes run in a bubblewrap sandbox, which extra folders they may read there ({@code bind}),
 * and whether they keep the network. Written `sandbox: true`, `sandbox: false` or as a mapping
 * `{ bind: [/ref/data], network: false }` (a mapping means on, unless it says `enabled: false`).
 */
public record SandboxConfig(boolean enabled, List<String> bind, boolean network) {

    /** No sandbox: jobs run as the server's user, as they always did. */
    public static final SandboxConfig OFF = new SandboxConfig(false, List.of(), true);

    public SandboxConfig {
        // why: an empty item must reach the validator, which names it with its line, instead of failing here
        bind = bind == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(bind));
    }

    /** The extra read-only folders, once validated as absolute paths. */
    public List<Path> bindPaths() {
        return bind.stream().map(Path::of).toList();
    }
}
