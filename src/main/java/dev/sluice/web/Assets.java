package dev.sluice.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** The pages' scripts and style sheet, read from the jar once and served with an ETag. */
final class Assets {

    private static final String SCRIPT = "text/javascript; charset=utf-8";
    private static final Map<String, String> TYPES = Map.of(
            "sluice.js", SCRIPT, "sluice-index.js", SCRIPT, "sluice-form.js", SCRIPT, "sluice-files.js", SCRIPT,
            "sluice-job.js", SCRIPT, "sluice-admin.js", SCRIPT,
            "sluice.css", "text/css; charset=utf-8");

    private final Map<String, JarAsset> assets;

    Assets() {
        Map<String, JarAsset> loaded = new HashMap<>();
        TYPES.forEach((name, type) -> loaded.put(name, JarAsset.read("/web/" + name, type)));
        this.assets = Map.copyOf(loaded);
    }

    /** Answers with the asset; false when there is none of that name. */
    boolean serve(Context ctx, String name) {
        JarAsset asset = assets.get(name);
        if (asset == null) {
            return false;
        }
        asset.send(ctx);
        return true;
    }
}
