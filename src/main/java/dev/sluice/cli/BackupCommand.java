package dev.sluice.cli;

import dev.sluice.config.DataSize;
import dev.sluice.store.DatabaseFile;
import dev.sluice.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice backup FILE`: a consistent copy of a running server's database, fetched from its admin route and checked. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy a running server's database to FILE (consistent, while the server works on), and check the copy.",
                "Back up data-dir/jobs/ (the jobs' files) after it, e.g. with rsync."})
final class BackupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "where the copy goes; its folder must exist")
    Path file;

    @Option(names = "--force", description = "replace FILE if it exists")
    boolean force;

    @Option(names = "--json", description = "print the summary as JSON (file, jobs, bytes, schemaVersion) and nothing else")
    boolean json;

    @Mixin
    ServerUrlOption server;

    @Mixin
    AdminCredentials admin;

    @Override
    public Integer call() {
        if (Files.exists(file) && !force) {
            System.err.println("sluice backup: " + file + " exists; choose another name or add --force");
            return 1;
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            int status = download(part);
            if (status != 200) {
                return 1;
            }
            DatabaseFile checked = DatabaseFile.check(part);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (json) {
                System.out.println(ApiClient.json().createObjectNode().put("file", file.toString()).put("jobs", checked.jobs().size())
                        .put("bytes", checked.bytes()).put("schemaVersion", checked.schemaVersion()));
            } else {
                System.out.printf("backed up %,d job%s (%s, schema version %s) to %s; back up data-dir/jobs/ too, for the jobs' files%n",
                        checked.jobs().size(), checked.jobs().size() == 1 ? "" : "s", new DataSize(checked.bytes()),
                        checked.schemaVersion(), file);
            }
            return 0;
        } catch (StoreException badCopy) {
            System.err.println("sluice backup: the copy is not usable, so it was not kept: " + badCopy.getMessage());
            return 1;
        } catch (IOException failed) {
            System.err.println("sluice backup: " + failed.getMessage());
            return 1;
        } finally {
            deleteQuietly(part);
        }
    }

    private int download(Path part) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.base().resolve("admin/backup")).GET();
        admin.header().ifPresent(h -> request.header("Authorization", h));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException unreachable) {
            throw new IOException("cannot reach " + server.url + ": " + unreachable.getMessage(), unreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 200) {
                // why: the copy holds every job's inputs and owner, so only its owner may read it
                Files.deleteIfExists(part);
                Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (OutputStream out = Files.newOutputStream(part)) {
                    body.transferTo(out);
                }
                return 200;
            }
            String said = new String(body.readNBytes(64 << 10), StandardCharsets.UTF_8);
            System.err.println("sluice backup: " + explain(response.statusCode(), said));
            return response.statusCode();
        }
    }

    private static String explain(int status, String body) {
        String detail;
        try {
            detail = ApiClient.json().readTree(body).path("detail").asText("");
        } catch (IOException notJson) {
            detail = "";
        }
        return switch (status) {
            case 401 -> AdminClient.NEEDS_CREDENTIALS;
            case 404 -> "the server has no backup route (a Sluice older than this one?)";
            default -> detail.isEmpty() ? "the server answered HTTP " + status : detail + " (HTTP " + status + ")";
        };
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // a leftover .part file says itself what it is
        }
    }
}
