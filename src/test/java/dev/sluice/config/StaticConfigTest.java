package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `static:` mounts are read in both forms, relative to the config file, and refused by key when unusable or unsafe. */
class StaticConfigTest {

    private static final String TASKS = "tasks:\n  noop: { command: [true] }\n";

    @TempDir
    Path dir;

    @BeforeEach
    void folders() throws IOException {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/index.html"), "<!doctype html>");
    }

    @Test
    void both_forms_are_read_with_folders_relative_to_the_config_file() throws ConfigException {
        SluiceConfig config = ConfigTexts.parse(dir, TASKS + """
                static:
                  "/": ./site
                  "/tiles": { dir: site, cache: 30d, fallback: index.html }
                """);

        StaticMount root = config.staticFiles().mounts().get("/");
        assertThat(root.dirPath()).isEqualTo(dir.resolve("site").toAbsolutePath().normalize());
        assertThat(root.cacheFor()).isEmpty();
        StaticMount tiles = config.staticFiles().mounts().get("/tiles");
        assertThat(tiles.cacheFor()).contains(Duration.ofDays(30));
        assertThat(tiles.fallbackFile()).contains("index.html");
        assertThat(config.staticFiles().configFileIfKnown()).contains(dir.resolve("sluice.yaml").toAbsolutePath().normalize());
    }

    @Test
    void the_key_is_static_and_nothing_else() {
        assertThat(ConfigTexts.problems(dir, TASKS + "static-files:\n  \"/\": ./site\n"))
                .singleElement().asString().contains("static-files: unknown key").contains("static");
    }

    @Test
    void no_static_key_means_no_mounts() throws ConfigException {
        assertThat(ConfigTexts.parse(dir, TASKS).staticFiles().mounts()).isEmpty();
    }

    @Test
    void a_mount_that_would_hide_a_route_is_refused_naming_its_key_and_line() {
        List<String> problems = ConfigTexts.problems(dir, TASKS + """
                static:
                  "/jobs": ./site
                  "/admin/files": ./site
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "sluice.yaml:4: static./jobs: would hide Sluice's own route /jobs; mount the folder under another prefix, such as /files",
                "sluice.yaml:5: static./admin/files: would hide Sluice's own route /admin; mount the folder under another prefix, such as /files");
    }

    @Test
    void every_route_segment_is_refused_as_a_prefix() {
        for (String segment : StaticConfig.ROUTE_SEGMENTS) {
            assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/" + segment + "\": ./site\n"))
                    .as(segment).singleElement().asString().contains("would hide Sluice's own route /" + segment);
        }
    }

    @Test
    void a_mount_containing_or_being_the_data_folder_is_refused() {
        assertThat(ConfigTexts.problems(dir, TASKS + "storage: { data-dir: site/data }\nstatic:\n  \"/\": ./site\n"))
                .singleElement().asString().contains("static./.dir: contains the data folder (storage.data-dir)");
        assertThat(ConfigTexts.problems(dir, TASKS + "storage: { data-dir: site }\nstatic:\n  \"/\": ./site\n"))
                .singleElement().asString().contains("static./.dir: is the data folder (storage.data-dir)");
        assertThat(ConfigTexts.problems(dir, TASKS + "storage: { data-dir: . }\nstatic:\n  \"/files\": { dir: ./site }\n"))
                .singleElement().asString().contains("static./files.dir: lies inside the data folder (storage.data-dir)");
    }

    @Test
    void a_missing_folder_is_refused_with_its_path() {
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/files\": { dir: ./nowhere, cache: 1h }\n"))
                .containsExactly("sluice.yaml:4: static./files.dir: the folder " + dir.resolve("nowhere").toAbsolutePath().normalize()
                        + " does not exist");
    }

    @Test
    void a_prefix_that_is_not_a_plain_path_is_refused() {
        for (String prefix : new String[] {"tiles", "/tiles/", "/a//b", "/.well-known", "/{id}", "/a b", "/<x>"}) {
            assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"" + prefix + "\": ./site\n"))
                    .as(prefix).singleElement().asString().contains("is not a URL path prefix");
        }
    }

    @Test
    void an_unknown_key_in_the_long_form_is_refused_with_the_known_ones() {
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/files\": { dir: ./site, cahce: 1h }\n"))
                .singleElement().asString().contains("unknown key; expected one of: cache, dir, fallback");
    }

    @Test
    void a_fallback_that_is_missing_or_climbs_out_is_refused() {
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/app\": { dir: ./site, fallback: app.html }\n"))
                .singleElement().asString().contains("static./app.fallback: there is no file");
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/app\": { dir: ./site, fallback: ../sluice.yaml }\n"))
                .singleElement().asString().contains("static./app.fallback: '../sluice.yaml' must be a file inside the mount's folder");
    }

    @Test
    void a_bad_cache_duration_is_refused_by_key() {
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/app\": { dir: ./site, cache: soon }\n"))
                .singleElement().asString().contains("static./app.cache").contains("is not a duration");
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/app\": { dir: ./site, cache: 400d }\n"))
                .singleElement().asString().contains("static./app.cache: must be at most 365d");
    }

    @Test
    void a_mount_without_a_folder_is_refused() {
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/app\": { cache: 1h }\n"))
                .singleElement().asString().contains("static./app.dir: names no folder");
        assertThat(ConfigTexts.problems(dir, TASKS + "static:\n  \"/app\": [a, b]\n"))
                .singleElement().asString().contains("static./app");
    }
}
