package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The admin dashboard in a real browser, wide and at 400 px: every control labelled, every chart described, no
 * part cut off or pushing the page sideways, Cancel from the list, and the figures kept fresh in place.
 */
class AdminDashboardBrowserTest {

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
        for (String id : List.of(submit("echo", "{\"message\": \"one\"}"), submit("echo", "{\"message\": \"two\"}"), submit("fail", "{}"))) {
            await().atMost(TestServer.PATIENCE).until(() -> http.get("/jobs/" + id).json().path("status").asText().matches("successful|failed"));
        }
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void the_dashboard_is_labelled_described_and_fits_a_400_pixel_screen() throws Exception {
        String slow = submit("slow", "{\"seconds\": 600}");
        await().atMost(TestServer.PATIENCE).until(() -> http.get("/jobs/" + slow).json().path("status").asText().equals("running"));
        driver.get(base + "/admin");
        driver.manage().window().setSize(new Dimension(1280, 2000));
        browser.screenshot(SCREENSHOTS.resolve("admin-dashboard.png"));
        driver.manage().window().setSize(new Dimension(1280, 1000));

        assertThat(driver.findElements(By.cssSelector("main"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("nav"))).isNotEmpty();
        assertThat((Long) driver.executeScript("""
                return [...document.querySelectorAll('select, input:not([type=hidden]), textarea')]
                    .filter(c => !c.closest('label') && !(c.id && document.querySelector('label[for="' + c.id + '"]'))).length;"""))
                .as("form controls without a label").isZero();
        assertThat((Long) driver.executeScript("""
                return [...document.querySelectorAll('svg[role=img]')].filter(s => !s.getAttribute('aria-label')).length;"""))
                .as("charts without words").isZero();
        assertThat(driver.findElements(By.cssSelector("#by-task svg[role=img]"))).hasSize(4);
        assertThat(textOf("#by-task tr[data-name=echo] td:nth-of-type(2)")).isEqualTo("2");
        assertThat(textOf("#by-task tr[data-name=fail]")).contains("exit-code");

        driver.manage().window().setSize(new Dimension(400, 900));
        try {
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth;"))
                    .as("the page itself never scrolls sideways").isLessThanOrEqualTo(400L);
            assertThat((Long) driver.executeScript("""
                    return [...document.querySelectorAll('table')].filter(t => {
                        const box = t.closest('.table-scroll');
                        return !box && t.getBoundingClientRect().right > document.documentElement.clientWidth;
                    }).length;""")).as("tables wider than the screen outside a scrolling box").isZero();
            browser.screenshot(SCREENSHOTS.resolve("admin-dashboard-400.png"));
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
            // why: the demo's default queue runs one job at a time
            http.delete("/jobs/" + slow);
        }
    }

    @Test
    void cancel_from_the_list_and_the_figures_refresh_in_place() {
        String slow = submit("slow", "{\"seconds\": 600}");
        await().atMost(TestServer.PATIENCE).until(() -> http.get("/jobs/" + slow).json().path("status").asText().equals("running"));
        driver.get(base + "/admin?task=slow&state=running");
        driver.findElement(By.cssSelector("tr[data-job-id='" + slow + "'] button")).click();

        await().atMost(TestServer.PATIENCE).until(() -> http.get("/jobs/" + slow).json().path("status").asText().equals("dismissed"));
        assertThat(driver.getCurrentUrl()).endsWith("/admin?task=slow&state=running&window=24h&span=1h");
        assertThat(textOf("select[name=task] option[selected]")).isEqualTo("slow");

        // why: the page is read before the job is submitted, so the figure it shows cannot already count it
        driver.get(base + "/admin?task=echo");
        String echoes = "#by-task tr[data-name=echo] td:nth-of-type(2)";
        String before = textOf(echoes);
        String echo = submit("echo", "{\"message\": \"three\"}");
        await().atMost(TestServer.PATIENCE).until(() -> http.get("/jobs/" + echo).json().path("status").asText().equals("successful"));
        await().atMost(TestServer.PATIENCE).until(() -> !textOf(echoes).equals(before));
        await().atMost(TestServer.PATIENCE).until(() -> textOf("#jobs tr[data-job-id='" + echo + "']").contains("successful"));
    }

    /** A part's text read in one step in the page: the refresh may replace the part between two WebDriver calls. */
    private static String textOf(String selector) {
        Object text = driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';", selector);
        return String.valueOf(text);
    }

    private static String submit(String task, String inputs) {
        HttpTestClient.Response r = http.postJsonAsync("/processes/" + task + "/execution", "{\"inputs\": " + inputs + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }
}
