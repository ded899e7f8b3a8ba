package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.ServerFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** GET /api.html: Swagger UI from the jar, every asset from this server, under the pages' Content-Security-Policy. */
class ApiDocsPageTest extends ServerFixture {

    private static final String TASKS = "tasks:\n  t:\n    command: [bash, -c, \"exit 0\"]\n";

    @Test
    void the_page_and_each_of_its_assets_come_from_this_server_with_their_types() {
        start(TASKS);
        Response page = server.http().get("/api.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("script:not([src])")).as("no inline script").isEmpty();
        assertThat(html.select("[style]")).as("no inline style").isEmpty();
        List<String> assets = new ArrayList<>();
        html.select("script[src]").forEach(e -> assets.add(e.attr("src")));
        html.select("link[href]").forEach(e -> assets.add(e.attr("href")));
        assertThat(assets).hasSize(4).allSatisfy(href -> assertThat(href).startsWith("/").doesNotStartWith("//"));
        for (String href : assets) {
            Response asset = server.http().get(href);
            assertThat(asset.status()).as(href).isEqualTo(200);
            assertThat(asset.header("Content-Type")).as(href).startsWith(href.endsWith(".js") ? "text/javascript"
                    : href.endsWith(".css") ? "text/css" : "image/png");
            assertThat(asset.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(html.body().attr("data-spec")).isEqualTo("/api");
    }

    @Test
    void an_asset_not_yet_changed_answers_304_and_an_unknown_one_a_problem() {
        start(TASKS);
        Response bundle = server.http().get("/api/ui/swagger-ui-bundle.js");
        assertThat(bundle.body()).contains("SwaggerUIBundle");

        Response again = server.http().get("/api/ui/swagger-ui-bundle.js", Map.of("If-None-Match", bundle.header("ETag")));
        assertThat(again.status()).isEqualTo(304);
        for (String name : new String[] {"index.html", "..%2Fpom.properties", "swagger-ui.js.map", "oauth2-redirect.html"}) {
            Response unknown = server.http().get("/api/ui/" + name);
            assertThat(unknown.status()).as(name).isIn(400, 404);
            assertThat(unknown.header("Content-Type")).as(name).startsWith("application/problem+json");
        }
    }

    @Test
    void under_a_base_path_the_page_asks_for_the_description_and_assets_under_it() {
        server = dev.sluice.testing.TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_BASE_PATH", "/sluice"));
        Document html = Jsoup.parse(server.http().get("/sluice/api.html").body());

        assertThat(html.body().attr("data-spec")).isEqualTo("/sluice/api");
        html.select("script[src]").forEach(e -> assertThat(e.attr("src")).startsWith("/sluice/api/ui/"));
        assertThat(server.http().get("/sluice/api").json().at("/servers/0/url").asText()).isEqualTo("/sluice");
        assertThat(server.http().get("/sluice/api/ui/sluice-api.js").status()).isEqualTo(200);
        Response toPage = server.http().get("/sluice/api?f=html");
        assertThat(toPage.status()).isEqualTo(303);
        assertThat(toPage.header("Location")).isEqualTo("/sluice/api.html");
    }
}
