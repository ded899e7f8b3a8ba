package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages in a real browser (Debian's headless Chromium) against the demo's tasks, which run as real child
 * JVMs. Screenshots of the form and of a finished job land in target/screenshots (scripts/screenshots copies
 * them to docs/).
 */
class BrowserPagesTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern JOB_PAGE = Pattern.compile(".*/jobs/([0-9a-f]{32})$");

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

    /** Every test starts with an empty queue: whatever a test left waiting or running is cancelled. */
    @AfterEach
    void cancelLeftovers() {
        for (JsonNode job : http.get("/jobs?limit=100").json().path("jobs")) {
            String status = job.path("status").asText();
            if (status.equals("accepted") || status.equals("running")) {
                http.delete("/jobs/" + job.path("jobID").asText());
            }
        }
    }

    @Test
    void the_compare_form_runs_two_images_to_an_inline_report_and_plot_with_live_progress() throws Exception {
        Path reference = png(dir.resolve("reference.png"), new Color(220, 60, 40), new Color(30, 90, 200));
        Path sample = png(dir.resolve("sample.png"), new Color(220, 60, 40), new Color(40, 170, 90));
        String blocker = submitSlow(600);
        server(blocker, "running");

        driver.get(base + "/tasks/compare");
        driver.findElement(By.id("input-reference")).sendKeys(reference.toAbsolutePath().toString());
        driver.findElement(By.id("input-sample")).sendKeys(sample.toAbsolutePath().toString());
        browser.screenshot(SCREENSHOTS.resolve("form.png"));
        driver.findElement(By.id("submit")).click();
        String id = awaitJobPage();

        // the job waits behind the blocker; the page follows it over its event stream
        await().atMost(TestServer.PATIENCE).until(() -> text("job-queue").startsWith("1st in line"));
        await().atMost(TestServer.PATIENCE).until(() -> "events".equals(driver.findElement(By.id("job")).getDomAttribute("data-live")));
        driver.executeScript("""
                window.progressSeen = [];
                const bar = document.getElementById('job-progress');
                new MutationObserver(() => window.progressSeen.push(Number(bar.value)))
                    .observe(bar, { attributes: true, attributeFilter: ['value'] });""");
        http.delete("/jobs/" + blocker);

        await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("successful"));
        @SuppressWarnings("unchecked")
        List<Number> seen = (List<Number>) driver.executeScript("return window.progressSeen;");
        Set<Integer> distinct = new HashSet<>();
        seen.forEach(n -> distinct.add(n.intValue()));
        assertThat(distinct).as("progress values shown while it ran: " + seen).hasSizeGreaterThanOrEqualTo(2).contains(100);

        WebElement plot = await().atMost(TestServer.PATIENCE).until(
                () -> driver.findElements(By.cssSelector("li[data-output=plot] img.result-image")), l -> !l.isEmpty()).get(0);
        await().atMost(TestServer.PATIENCE).until(() -> naturalWidth(plot) > 0);
        WebElement report = driver.findElement(By.cssSelector("li[data-output=report] iframe.result-report"));
        assertThat(report.getDomAttribute("sandbox")).isEmpty();
        assertThat(report.getDomAttribute("src")).isEqualTo("/jobs/" + id + "/results/report");
        assertThat(driver.findElement(By.cssSelector("li[data-output=score] output")).getText()).matches("0\\.\\d{4}");

        driver.switchTo().frame(report);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Image comparison");
        WebElement plotInReport = driver.findElement(By.tagName("img"));
        await().atMost(TestServer.PATIENCE).until(() -> naturalWidth(plotInReport) > 0);
        driver.switchTo().defaultContent();

        driver.manage().window().setSize(new Dimension(1280, 1900));
        browser.screenshot(SCREENSHOTS.resolve("job.png"));
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void an_invalid_value_is_shown_beside_its_input_by_the_browser_check_and_by_the_server() {
        driver.get(base + "/tasks/slow");
        WebElement seconds = driver.findElement(By.id("input-seconds"));
        seconds.clear();
        seconds.sendKeys("0");
        driver.findElement(By.id("submit")).click();

        await().atMost(TestServer.PATIENCE).until(() -> text("error-seconds").equals("must be at least 1"));
        assertThat(driver.getCurrentUrl()).endsWith("/tasks/slow");

        // as if the page's checks were out of date: the server's problem names the input, and its message goes beside it
        driver.executeScript("delete document.getElementById('input-seconds').dataset.minimum;");
        driver.findElement(By.id("submit")).click();

        await().atMost(TestServer.PATIENCE).until(() -> text("error-seconds").equals("input 'seconds' must be at least 1"));
        assertThat(text("form-error")).isEmpty();
        assertThat(driver.getCurrentUrl()).endsWith("/tasks/slow");
    }

    @Test
    void a_running_job_is_cancelled_from_its_page() {
        driver.get(base + "/tasks/slow");
        WebElement seconds = driver.findElement(By.id("input-seconds"));
        seconds.clear();
        seconds.sendKeys("600");
        driver.findElement(By.id("submit")).click();
        String id = awaitJobPage();
        await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("running"));

        driver.findElement(By.id("job-cancel")).click();

        await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("dismissed"));
        assertThat(http.get("/jobs/" + id).json().path("status").asText()).isEqualTo("dismissed");
        assertThat(driver.findElement(By.id("job-cancel")).isDisplayed()).isFalse();
    }

    @Test
    void where_event_streams_fail_the_job_page_follows_the_job_by_polling() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/events*")));
        try {
            driver.get(base + "/tasks/echo");
            driver.findElement(By.id("input-message")).sendKeys("polled");
            WebElement pause = driver.findElement(By.id("input-pause"));
            pause.clear();
            pause.sendKeys("3");
            driver.findElement(By.id("submit")).click();
            awaitJobPage();

            await().atMost(TestServer.PATIENCE).until(() -> "polling".equals(driver.findElement(By.id("job")).getDomAttribute("data-live")));
            await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("successful"));
            await().atMost(TestServer.PATIENCE).until(
                    () -> driver.findElements(By.cssSelector("li[data-output=echo] output")).stream().anyMatch(o -> o.getText().equals("polled")));
        } finally {
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    @Test
    void a_job_submitted_from_this_browser_is_in_my_jobs_after_a_reload() {
        driver.get(base + "/tasks/echo");
        driver.findElement(By.id("input-message")).sendKeys("hello from the browser");
        driver.findElement(By.id("submit")).click();
        String id = awaitJobPage();
        await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("successful"));

        driver.get(base + "/");
        driver.navigate().refresh();

        By row = By.cssSelector("#my-jobs-table tr[data-job-id='" + id + "']");
        await().atMost(TestServer.PATIENCE).until(() -> !driver.findElements(row).isEmpty()
                && driver.findElement(row).getText().contains("successful"));
        assertThat(driver.findElement(row).getText()).contains("Echo");
    }

    // ---- helpers

    private static String awaitJobPage() {
        await().atMost(TestServer.PATIENCE).until(() -> JOB_PAGE.matcher(driver.getCurrentUrl()).matches());
        Matcher m = JOB_PAGE.matcher(driver.getCurrentUrl());
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    private static long naturalWidth(WebElement image) {
        return ((Number) driver.executeScript("return arguments[0].naturalWidth;", image)).longValue();
    }

    private static String submitSlow(int seconds) {
        HttpTestClient.Response r = http.postJson("/processes/slow/execution", "{\"inputs\": {\"seconds\": " + seconds + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }

    private static void server(String id, String status) {
        await().atMost(TestServer.PATIENCE).until(() -> http.get("/jobs/" + id).json().path("status").asText().equals(status));
    }

    /** A 320x240 PNG: a background colour with a disc of another. */
    static Path png(Path file, Color background, Color disc) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, 320, 240);
        g.setColor(disc);
        g.fillOval(90, 50, 140, 140);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
