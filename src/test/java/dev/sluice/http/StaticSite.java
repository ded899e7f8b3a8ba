package dev.sluice.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of files to mount, with the traps an attacker would look for: dotfiles, links out, a secret beside it. */
final class StaticSite {

    static final String SECRET = "TOP SECRET: outside the mounted folder";
    static final java.time.Instant HELLO_CHANGED = java.time.Instant.parse("2026-03-04T05:06:07Z");
    static final String STYLE = "body { margin: 0; padding: 0; color: #333; }\n".repeat(40);

    private StaticSite() {
    }

    /** Writes the site under {@code dir}/site, a single-page app under {@code dir}/spa, and a secret beside them. */
    static void write(Path dir) throws IOException {
        Path site = dir.resolve("site");
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        write(site.resolve("hello.txt"), "hello, static world\n");
        Files.setLastModifiedTime(site.resolve("hello.txt"), java.nio.file.attribute.FileTime.from(HELLO_CHANGED));
        write(site.resolve("index.html"), "<!doctype html><title>site root</title>");
        write(site.resolve("style.css"), STYLE);
        write(site.resolve("app.js"), "console.log('identity');\n".repeat(20));
        write(site.resolve("app.js.br"), "pretend brotli bytes");
        write(site.resolve("app.js.gz"), "pretend gzip bytes");
        byte[] numbers = new byte[1000];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = (byte) i;
        }
        Files.createDirectories(site);
        Files.write(site.resolve("numbers.bin"), numbers);
        write(site.resolve("docs/index.html"), "<!doctype html><title>docs</title>");
        write(site.resolve("empty/readme.txt.gz"), "not a listing");
        Files.createDirectories(site.resolve("bare"));
        write(site.resolve("bare/one.txt"), "one");
        write(site.resolve(".env"), "PASSWORD=hunter2");
        write(site.resolve(".hidden/x.txt"), "HIDDEN-CONTENT");
        write(site.resolve("health"), "a file named like a route");
        Files.createSymbolicLink(site.resolve("link-out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("linked-dir"), outside);
        Files.createSymbolicLink(site.resolve("link-in.txt"), site.resolve("hello.txt"));
        Files.createSymbolicLink(site.resolve("env-link.txt"), site.resolve(".env"));
        Files.createLink(site.resolve("hard.txt"), outside.resolve("secret.txt"));
        write(dir.resolve("spa/index.html"), "<!doctype html><title>spa shell</title>");
        write(dir.resolve("spa/app.css"), "h1 { color: red }");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
