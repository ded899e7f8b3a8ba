package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At start-up, the folder of an upload that a crash cut off before its job was committed is removed. With nodes sharing
 * data-dir (the PostgreSQL pass), a node removes only its own uploads' folders, which carry its mark, and leaves a fresh
 * folder of another node's upload in flight alone.
 */
class UploadSweepTest {

    private static final String TASKS = "tasks:\n  echo:\n    command: [echo, hi]\n";

    @TempDir
    Path dir;

    @Test
    void a_job_folder_without_a_job_is_removed_at_start_and_real_jobs_keep_theirs() throws Exception {
        String kept;
        try (TestServer first = TestServer.start(dir, TASKS)) {
            kept = first.submit("echo", "{}");
            first.awaitEnd(kept);
        }
        Path jobs = dir.resolve("data/jobs");
        Path leftover = Files.createDirectories(jobs.resolve("0123456789abcdef0123456789abcdef/in"));
        Files.writeString(leftover.resolve(".data.received"), "half an upload");
        Path unrelated = Files.createDirectories(jobs.resolve("notes"));
        Path ownMark = jobs.resolve(kept).resolve(".uploader");
        Path othersUpload = jobs.resolve("fedcba9876543210fedcba9876543210");
        Path ownHalfMade = jobs.resolve("unused");
        Path othersHalfMade = jobs.resolve(".making-another-node-00000000000000000000000000000001");
        if (TestServer.onPostgres()) {
            assertThat(ownMark).as("a node sharing data-dir marks its submissions' folders").isRegularFile();
            Files.copy(ownMark, leftover.getParent().resolve(".uploader"));
            Files.createDirectories(othersUpload.resolve("in"));
            Files.writeString(othersUpload.resolve(".uploader"), "another-node");
            // why: a crash between making a folder and naming its uploader leaves it under its name while being made
            ownHalfMade = Files.createDirectories(jobs.resolve(".making-" + Files.readString(ownMark)
                    + "-00000000000000000000000000000002"));
            Files.createDirectories(othersHalfMade);
        } else {
            assertThat(ownMark).doesNotExist();
        }

        try (TestServer second = TestServer.start(dir, TASKS)) {
            assertThat(jobs.resolve("0123456789abcdef0123456789abcdef")).doesNotExist();
            assertThat(jobs.resolve(kept)).isDirectory();
            assertThat(unrelated).as("only folders named like job ids are touched").isDirectory();
            if (TestServer.onPostgres()) {
                assertThat(othersUpload).as("another node may be uploading it right now").isDirectory();
                assertThat(ownHalfMade).as("its own folder cut off while being made").doesNotExist();
                assertThat(othersHalfMade).as("another node may be making it right now").isDirectory();
            }
            assertThat(second.status(kept).path("status").asText()).isEqualTo("successful");
        }
    }
}
