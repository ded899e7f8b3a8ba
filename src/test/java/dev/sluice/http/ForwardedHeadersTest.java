package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.config.PasswordHash;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Forwarding headers seen from a trusted proxy and from anyone else, observed through what they change: the admin
 * loopback rule, failed logins counted per client address, the submitter cookie's `Secure` form and the cross-site
 * guard's idea of this server's host. The tests connect from 127.0.0.1, so "untrusted" means a list without it.
 */
class ForwardedHeadersTest {

    private static final String TASKS = "tasks:\n  echo:\n    command: [sh, -c, 'echo \"$1\"', sh, '{message}']\n"
            + "    inputs: { message: { type: string } }\n";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void without_trusted_proxies_a_request_carrying_forwarding_headers_is_never_from_this_machine() {
        start(null, false);

        assertThat(admin(Map.of()).status()).as("the demo's rule: this machine may open the admin pages").isEqualTo(200);
        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1")).status()).isEqualTo(403);
        assertThat(admin(Map.of("Forwarded", "for=127.0.0.1")).status()).isEqualTo(403);
        assertThat(admin(Map.of("Forwarded", "for=\"[::1]\"")).status()).isEqualTo(403);
        assertThat(admin(Map.of("X-Real-IP", "127.0.0.1")).status()).isEqualTo(403);
        assertThat(admin(Map.of("X-Forwarded-Proto", "https")).status()).isEqualTo(403);
    }

    @Test
    void from_an_untrusted_peer_forwarding_headers_are_ignored_and_still_refuse_the_admin_pages() {
        start("[10.0.0.0/8]", false);

        assertThat(admin(Map.of()).status()).isEqualTo(200);
        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1")).status()).isEqualTo(403);
        assertThat(cookieName(Map.of("X-Forwarded-Proto", "https"))).isEqualTo(Callers.COOKIE);
    }

    @Test
    void from_a_trusted_proxy_the_forwarded_client_decides_the_admin_loopback_rule() {
        start("[127.0.0.1/32]", false);

        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1")).status()).as("a browser on this machine through the proxy")
                .isEqualTo(200);
        assertThat(admin(Map.of("Forwarded", "for=\"[::1]:4711\";proto=http")).status()).isEqualTo(200);
        assertThat(admin(Map.of("X-Forwarded-For", "203.0.113.7")).status()).isEqualTo(403);
        assertThat(admin(Map.of("Forwarded", "for=203.0.113.7")).status()).isEqualTo(403);
        assertThat(admin(Map.of("Forwarded", "for=unknown")).status()).isEqualTo(403);
        assertThat(admin(Map.of("Forwarded", "for=\"[::1]")).status()).as("unreadable").isEqualTo(403);
        assertThat(admin(Map.of("X-Forwarded-Proto", "https")).status()).as("proxied, client not named").isEqualTo(403);
    }

    @Test
    void a_client_cannot_prepend_a_loopback_address_to_the_chain_a_trusted_proxy_extends() {
        start("[127.0.0.1/32]", false);

        // the client sent X-Forwarded-For: 127.0.0.1 and the proxy appended the address it really came from
        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1, 203.0.113.7")).status()).isEqualTo(403);
        assertThat(admin(Map.of("Forwarded", "for=127.0.0.1, for=203.0.113.7")).status()).isEqualTo(403);
    }

    @Test
    void a_remote_trusted_proxy_cannot_vouch_that_its_client_is_on_this_machine() {
        // why: 127.0.0.1 seen by a proxy on another machine is that machine's loopback, not ours
        start("[127.0.0.1/32, 10.0.0.0/8]", false);

        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1, 10.0.0.2")).status()).isEqualTo(403);
        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1, 127.0.0.1")).status()).as("two proxies on this machine")
                .isEqualTo(200);
    }

    @Test
    void x_forwarded_wins_over_forwarded_and_a_disagreement_never_opens_the_admin_pages() {
        start("[127.0.0.1/32]", false);

        assertThat(admin(Map.of("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=127.0.0.1")).status()).isEqualTo(403);
        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=203.0.113.7")).status()).isEqualTo(403);
        assertThat(admin(Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1")).status()).isEqualTo(200);
    }

    @Test
    void behind_a_trusted_proxy_failed_logins_are_counted_and_logged_per_forwarded_client() {
        start("[127.0.0.1/32]", true);
        Logger logger = (Logger) LoggerFactory.getLogger(AdminLogins.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            for (int i = 0; i < FailedLogins.ALLOWED; i++) {
                assertThat(login("guess-" + i, "203.0.113.1").status()).isEqualTo(401);
            }

            assertThat(login(PASSWORD, "203.0.113.1").status()).as("the guesser is throttled").isEqualTo(429);
            assertThat(login(PASSWORD, "203.0.113.2").status()).as("another visitor through the same proxy is not").isEqualTo(200);
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("event=admin-logins-throttled client=203.0.113.1 failures=10 window=5m");
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void from_an_untrusted_peer_failed_logins_are_counted_against_the_peer_whatever_it_forwards() {
        start("[10.0.0.0/8]", true);
        for (int i = 0; i < FailedLogins.ALLOWED; i++) {
            assertThat(login("guess-" + i, "203.0.113." + (i + 1)).status()).isEqualTo(401);
        }

        assertThat(login(PASSWORD, "198.51.100.1").status()).as("a made-up address does not escape the count").isEqualTo(429);
    }

    @Test
    void the_scheme_a_trusted_proxy_forwards_makes_the_submitter_cookie_secure() {
        start("[127.0.0.1/32]", false);

        assertThat(cookieName(Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"))).isEqualTo(Callers.SECURE_COOKIE);
        assertThat(cookieName(Map.of("Forwarded", "for=203.0.113.7;proto=https"))).isEqualTo(Callers.SECURE_COOKIE);
        assertThat(cookieName(Map.of("Forwarded", "for=203.0.113.7;proto=gopher"))).isEqualTo(Callers.COOKIE);
        assertThat(cookieName(Map.of())).isEqualTo(Callers.COOKIE);
    }

    @Test
    void the_host_a_trusted_proxy_forwards_is_this_server_s_origin_for_the_cross_site_guard() {
        start("[127.0.0.1/32]", false);
        Map<String, String> fromOwnPage = Map.of("Origin", "https://sluice.example", "X-Forwarded-Host", "sluice.example",
                "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7");

        assertThat(submit(fromOwnPage).status()).isEqualTo(201);
        server.close();
        start("[10.0.0.0/8]", false);
        assertThat(submit(fromOwnPage).status()).as("an untrusted peer cannot claim to be the origin").isEqualTo(403);
    }

    @Test
    void forwarding_headers_sent_over_a_raw_socket_with_another_host_are_read_the_same_way() throws Exception {
        start("[127.0.0.1/32]", false);

        RawHttp.Answer local = RawHttp.exchange(port(), "GET /admin/status HTTP/1.1\r\nHost: internal:8080\r\n"
                + "Forwarded: for=\"[::1]:51000\";host=sluice.example;proto=https\r\nConnection: close\r\n\r\n", new byte[0]);
        RawHttp.Answer remote = RawHttp.exchange(port(), "GET /admin/status HTTP/1.1\r\nHost: internal:8080\r\n"
                + "Forwarded: for=127.0.0.1\r\nForwarded: for=\"[2001:db8::7]:51000\"\r\nConnection: close\r\n\r\n", new byte[0]);

        assertThat(local.statusLine()).contains(" 200");
        assertThat(remote.statusLine()).as("two header lines are one list").contains(" 403");
    }

    @Test
    void a_peer_on_the_ipv6_loopback_is_this_machine_and_an_ipv6_block_is_trusted() throws Exception {
        server = TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_LISTEN", "[::1]:0", "SLUICE_SERVER_TRUSTED_PROXIES", "[\"::1/128\"]"));
        int port = server.server().port();

        assertThat(overIpv6(port, "")).contains(" 200");
        assertThat(overIpv6(port, "X-Forwarded-For: 2001:db8::7\r\n")).contains(" 403");
        assertThat(overIpv6(port, "X-Forwarded-For: ::1\r\n")).contains(" 200");
    }

    @Test
    void links_and_location_name_the_scheme_and_host_a_trusted_proxy_was_asked_for() {
        start("[127.0.0.1/32]", false);

        HttpTestClient.Response proxied = submit(Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "sluice.example.org",
                "X-Forwarded-For", "203.0.113.9"));

        assertThat(proxied.status()).as(proxied.body()).isEqualTo(201);
        String id = proxied.json().path("jobID").asText();
        assertThat(proxied.header("Location")).isEqualTo("https://sluice.example.org/jobs/" + id);
        assertThat(proxied.json().path("links").findValuesAsText("href")).isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith("https://sluice.example.org/jobs/" + id));
    }

    @Test
    void links_and_location_ignore_forwarded_hosts_from_an_untrusted_peer() {
        start("[10.0.0.0/8]", false);

        HttpTestClient.Response direct = submit(Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"));

        assertThat(direct.status()).as(direct.body()).isEqualTo(201);
        assertThat(direct.header("Location")).isEqualTo(server.http().base() + "/jobs/" + direct.json().path("jobID").asText());
        assertThat(direct.body()).doesNotContain("evil.example");
    }

    private static String overIpv6(int port, String headers) throws IOException {
        try (Socket socket = new Socket("::1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /admin/status HTTP/1.1\r\nHost: [::1]:" + port + "\r\n" + headers
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        }
    }

    private void start(String trustedProxies, boolean adminPassword) {
        Map<String, String> env = new HashMap<>();
        if (trustedProxies != null) {
            env.put("SLUICE_SERVER_TRUSTED_PROXIES", trustedProxies);
        }
        if (adminPassword) {
            env.put("SLUICE_SERVER_AUTH_ADMIN_USER", "admin");
            env.put("SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).toString());
        }
        server = TestServer.start(dir, TASKS, env);
    }

    private HttpTestClient.Response admin(Map<String, String> headers) {
        return server.http().get("/admin/status", headers);
    }

    private HttpTestClient.Response login(String password, String forwardedFor) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        return admin(Map.of("Authorization", "Basic " + basic, "X-Forwarded-For", forwardedFor));
    }

    private HttpTestClient.Response submit(Map<String, String> headers) {
        HttpRequest.Builder request = server.http().builder("/processes/echo/execution")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"hi\"}}"));
        headers.forEach(request::header);
        return server.http().send(request.build());
    }

    // why: a fresh client each time, so no cookie of an earlier answer is sent back
    private String cookieName(Map<String, String> headers) {
        HttpTestClient.Response submitted = new HttpTestClient(server.http().base()).send(withHeaders(headers));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.header("Set-Cookie").split("=", 2)[0];
    }

    private HttpRequest withHeaders(Map<String, String> headers) {
        HttpRequest.Builder request = server.http().builder("/processes/echo/execution")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"hi\"}}"));
        headers.forEach(request::header);
        return request.build();
    }

    private int port() {
        return URI.create(server.http().base()).getPort();
    }
}
