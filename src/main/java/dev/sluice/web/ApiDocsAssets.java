package dev.sluice.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The files of the API documentation page: Swagger UI's script, style sheet and icons from its webjar, and the
 * page's own initializer. Read from the jar once per process, on first use; only these names are ever served.
 */
final class ApiDocsAssets {

    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";

    private ApiDocsAssets() {
    }

    // why: the bundle is nearly 2 MB; a holder loads it when the page is first asked for, not at every start-up
    private static final class Loaded {
        static final Map<String, JarAsset> ASSETS = load();
    }

    /**
     * Fails at start-up when a file of the page is missing from the jar (a build that left the webjar out), rather
     * than at the first visitor's request; the files themselves are read only then.
     */
    static void requirePresent() {
        String base = WEBJAR + webjarVersion() + "/";
        for (String resource : new String[] {base + "swagger-ui-bundle.js", base + "swagger-ui.css", "/web/sluice-api.js"}) {
            if (ApiDocsAssets.class.getResource(resource) == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
        }
    }

    /** Answers with the asset; false when there is none of that name. */
    static boolean serve(Context ctx, String name) {
        JarAsset asset = Loaded.ASSETS.get(name);
        if (asset == null) {
            return false;
        }
        asset.send(ctx);
        return true;
    }

    private static Map<String, JarAsset> load() {
        String base = WEBJAR + webjarVersion() + "/";
        return Map.of(
                "swagger-ui-bundle.js", JarAsset.read(base + "swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
                "swagger-ui.css", JarAsset.read(base + "swagger-ui.css", "text/css; charset=utf-8"),
                "favicon-32x32.png", JarAsset.read(base + "favicon-32x32.png", "image/png"),
                "favicon-16x16.png", JarAsset.read(base + "favicon-16x16.png", "image/png"),
                "sluice-api.js", JarAsset.read("/web/sluice-api.js", "text/javascript; charset=utf-8"));
    }

    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = open("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static InputStream open(String resource) {
        InputStream in = ApiDocsAssets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the jar");
        }
        return in;
    }
}
