package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The compare form's file inputs in a real browser: a dropped file, a preview of a chosen picture, the upload's progress. */
class FormFilesBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    private static DemoInBrowser demo;
    private static HttpTestClient http;
    private static Browser browser;
    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoInBrowser.start(dir, "");
        base = demo.base();
        http = demo.http();
        browser = demo.browser();
        driver = demo.driver();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void a_chosen_picture_is_previewed_with_its_size_in_pixels_and_bytes() throws Exception {
        Path picture = BrowserPagesTest.png(dir.resolve("chosen.png"), Color.ORANGE, Color.BLUE);
        driver.get(base + "/tasks/compare");

        driver.findElement(By.id("input-reference")).sendKeys(picture.toAbsolutePath().toString());

        await().atMost(TestServer.PATIENCE).until(() -> driver.findElement(By.cssSelector("#preview-reference .file-facts"))
                .getText().contains("320 × 240 pixels"));
        assertThat(driver.findElement(By.cssSelector("#preview-reference .file-facts")).getText())
                .matches("chosen\\.png · 320 × 240 pixels · \\d+(\\.\\d{1,2})? KB");
        assertThat(naturalWidth("#preview-reference img")).isEqualTo(320);
        browser.screenshot(SCREENSHOTS.resolve("form-preview.png"));
    }

    @Test
    void a_file_dropped_on_its_zone_becomes_the_inputs_file_and_is_previewed() throws Exception {
        Path picture = BrowserPagesTest.png(dir.resolve("dropped.png"), Color.GREEN, Color.RED);
        driver.get(base + "/tasks/compare");

        driver.executeScript("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const carried = new DataTransfer();
                carried.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
                const zone = document.getElementById('input-sample').closest('.drop-zone');
                zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: carried }));
                zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: carried }));""",
                Base64.getEncoder().encodeToString(Files.readAllBytes(picture)));

        assertThat(driver.executeScript("const f = document.getElementById('input-sample').files; return f.length + ' ' + f[0].name;"))
                .isEqualTo("1 dropped.png");
        await().atMost(TestServer.PATIENCE).until(() -> naturalWidth("#preview-sample img") == 320);
        assertThat(driver.findElement(By.cssSelector("#preview-sample .file-facts")).getText()).startsWith("dropped.png · 320 × 240 pixels");
    }

    @Test
    void the_upload_shows_its_progress_and_a_refusal_goes_beside_the_input_at_fault() throws Exception {
        // a file named .png that no browser can decode passes the page's checks; the server's decoding refuses it
        Path fake = Files.write(dir.resolve("fake.png"), new byte[200_000]);
        Path sample = BrowserPagesTest.png(dir.resolve("sample.png"), Color.GRAY, Color.WHITE);
        int jobsBefore = http.get("/jobs").json().path("jobs").size();
        driver.get(base + "/tasks/compare");
        driver.findElement(By.id("input-reference")).sendKeys(fake.toAbsolutePath().toString());
        driver.findElement(By.id("input-sample")).sendKeys(sample.toAbsolutePath().toString());

        driver.findElement(By.id("submit")).click();

        await().atMost(TestServer.PATIENCE).until(() -> !driver.findElement(By.id("error-reference")).getText().isBlank());
        assertThat(driver.findElement(By.id("upload")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("upload-bar")).getDomProperty("value")).isEqualTo("100");
        assertThat(driver.findElement(By.id("upload-text")).getText()).startsWith("Sent ").endsWith("(100%)");
        assertThat(http.get("/jobs").json().path("jobs").size()).as("nothing was accepted").isEqualTo(jobsBefore);
    }

    @Test
    void the_job_page_shows_no_progress_lines_and_no_empty_log() throws Exception {
        Path reference = BrowserPagesTest.png(dir.resolve("a.png"), Color.ORANGE, Color.BLUE);
        Path sample = BrowserPagesTest.png(dir.resolve("b.png"), Color.ORANGE, Color.GREEN);
        driver.get(base + "/tasks/compare");
        driver.findElement(By.id("input-reference")).sendKeys(reference.toAbsolutePath().toString());
        driver.findElement(By.id("input-sample")).sendKeys(sample.toAbsolutePath().toString());
        driver.findElement(By.id("submit")).click();

        await().atMost(TestServer.PATIENCE).until(() -> driver.getCurrentUrl().contains("/jobs/")
                && driver.findElement(By.id("job-status")).getText().equals("successful"));
        String id = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);

        assertThat(http.get("/jobs/" + id + "/log").body()).as("the whole log keeps them").contains("::progress 100");
        assertThat(driver.findElement(By.id("job-log")).getDomProperty("textContent")).doesNotContain("::progress");
        assertThat(driver.findElement(By.id("job-log-section")).isDisplayed()).as("a log of progress lines only is not shown").isFalse();
        driver.navigate().refresh();
        assertThat(driver.findElement(By.id("job-log-section")).isDisplayed()).isFalse();
    }

    private static long naturalWidth(String selector) {
        Object width = driver.executeScript("const i = document.querySelector(arguments[0]); return i ? i.naturalWidth : 0;", selector);
        return ((Number) width).longValue();
    }
}
