package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** In headless Chromium, the demo under `server.base-path: /sluice`: form, job page with live events, index, cancel. */
class BasePathBrowserTest {

    private static final Pattern JOB_PAGE = Pattern.compile(".*/sluice/jobs/([0-9a-f]{32})$");

    @TempDir
    static Path dir;

    private static DemoInBrowser demo;
    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoInBrowser.start(dir, "/sluice");
        base = demo.base();
        driver = demo.driver();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void a_job_submitted_from_the_form_is_followed_live_listed_and_cancelled_all_under_the_prefix() {
        driver.get(base + "/tasks/slow");
        WebElement seconds = driver.findElement(By.id("input-seconds"));
        seconds.clear();
        seconds.sendKeys("600");
        driver.findElement(By.id("submit")).click();

        await().atMost(TestServer.PATIENCE).until(() -> JOB_PAGE.matcher(driver.getCurrentUrl()).matches());
        Matcher page = JOB_PAGE.matcher(driver.getCurrentUrl());
        assertThat(page.matches()).isTrue();
        String id = page.group(1);
        await().atMost(TestServer.PATIENCE).until(() -> "events".equals(driver.findElement(By.id("job")).getDomAttribute("data-live")));
        await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("running"));

        driver.get(base + "/");
        WebElement mine = await().atMost(TestServer.PATIENCE).until(
                () -> driver.findElements(By.cssSelector("#my-jobs-table tr[data-job-id='" + id + "'] a")), l -> !l.isEmpty()).get(0);
        assertThat(mine.getDomAttribute("href")).isEqualTo("/sluice/jobs/" + id);
        assertThat(driver.findElement(By.cssSelector("header a.brand")).getDomAttribute("href")).isEqualTo("/sluice/");
        mine.click();

        await().atMost(TestServer.PATIENCE).until(() -> JOB_PAGE.matcher(driver.getCurrentUrl()).matches());
        await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("running"));
        driver.findElement(By.id("job-cancel")).click();
        await().atMost(TestServer.PATIENCE).until(() -> text("job-status").equals("dismissed"));
        assertThat(new HttpTestClient(base).get("/jobs/" + id).json().path("status").asText()).isEqualTo("dismissed");
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }
}
