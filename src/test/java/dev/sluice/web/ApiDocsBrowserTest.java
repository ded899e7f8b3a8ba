package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.ServerFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** /api.html in a real browser: Swagger UI starts under the page's policy, lists the routes and calls this server. */
class ApiDocsBrowserTest extends ServerFixture {

    @Test
    void the_documentation_shows_each_route_and_tries_one_out() throws Exception {
        start("tasks:\n  echo:\n    command: [bash, -c, \"exit 0\"]\n    inputs:\n      text: { type: string }\n");
        try (Browser browser = Browser.start(dir.resolve("profile"))) {
            ChromeDriver driver = browser.driver();
            driver.get(server.http().base() + "/api.html");

            await().atMost(Duration.ofSeconds(30)).until(() -> !driver.findElements(By.cssSelector(".opblock")).isEmpty());
            String shown = driver.findElement(By.id("swagger-ui")).getText();
            assertThat(shown).contains("/processes/echo/execution", "/jobs/{jobId}/results", "/health/ready");

            WebElement conformance = driver.findElement(By.id("operations-Capabilities-getConformance"));
            conformance.findElement(By.cssSelector(".opblock-summary")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> !conformance.findElements(By.cssSelector(".try-out__btn")).isEmpty());
            conformance.findElement(By.cssSelector(".try-out__btn")).click();
            conformance.findElement(By.cssSelector(".execute")).click();
            By status = By.cssSelector(".live-responses-table tbody .response-col_status");
            await().atMost(Duration.ofSeconds(20)).until(() -> !conformance.findElements(status).isEmpty());
            assertThat(conformance.findElement(status).getText()).contains("200");
            assertThat(conformance.findElement(By.cssSelector(".live-responses-table tbody .response-col_description")).getText())
                    .contains("conf/oas30");
            browser.screenshot(java.nio.file.Path.of("target", "screenshots", "api-docs.png"));
        }
    }
}
