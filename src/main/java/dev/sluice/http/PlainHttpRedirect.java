package dev.sluice.http;

import dev.sluice.config.Listen;
import dev.sluice.config.ServerConfig;
import dev.sluice.tls.ChallengeTokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `server.tls.http-listen`: a plain HTTP listener that answers ACME HTTP-01 challenges and sends every other
 * request, whatever its method, to the same path and query over https with a 308. It serves nothing else.
 */
final class PlainHttpRedirect {

    private static final Logger log = LoggerFactory.getLogger(PlainHttpRedirect.class);
    private static final String CHALLENGES = "/.well-known/acme-challenge/";
    // why: the Host header goes into Location; only a plain name or address with an optional port may
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}|\\[[0-9A-Fa-f:.]{2,45}]");

    private final Server jetty;
    private final ServerConnector connector;

    PlainHttpRedirect(Listen listen, int httpsPort, ServerConfig limits, ChallengeTokens challenges) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("http-redirect");
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8192);
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(listen.host());
        connector.setPort(listen.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.addBean(new ConnectionCap(limits.maxConnections(), limits.requestTimeout(), connector));
        connector.addBean(new RequestHeadDeadline(connector, limits.requestTimeout()));
        jetty.addConnector(connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        jetty.setErrorHandler(errors);
        jetty.setHandler(new Answer(httpsPort, challenges));
    }

    void start() {
        try {
            jetty.start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot listen on " + connector.getHost() + ":" + connector.getPort() + " for http-listen: "
                    + e.getMessage(), e);
        }
        log.info("event=http-redirect-listening listen={}:{}", connector.getHost(), connector.getLocalPort());
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("event=http-redirect-stop-failed reason=\"{}\"", e.getMessage());
        }
    }

    private static final class Answer extends Handler.Abstract.NonBlocking {

        private final int httpsPort;
        private final ChallengeTokens challenges;

        Answer(int httpsPort, ChallengeTokens challenges) {
            this.httpsPort = httpsPort;
            this.challenges = challenges;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            if (path != null && path.startsWith(CHALLENGES)) {
                Optional<String> answer = challenges.answer(path.substring(CHALLENGES.length()));
                write(response, callback, answer.isPresent() ? HttpStatus.OK_200 : HttpStatus.NOT_FOUND_404,
                        answer.orElse("no such challenge\n"));
                return true;
            }
            String host = request.getHttpURI().getHost();
            if (host == null || !HOST.matcher(host).matches()) {
                write(response, callback, HttpStatus.BAD_REQUEST_400, "a Host header naming this server is required\n");
                return true;
            }
            String rest = request.getHttpURI().getPathQuery();
            String target = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort)
                    + (rest == null || !rest.startsWith("/") ? "/" : rest);
            response.getHeaders().put(HttpHeader.LOCATION, target);
            write(response, callback, HttpStatus.PERMANENT_REDIRECT_308, "moved to " + target + "\n");
            return true;
        }

        private static void write(Response response, Callback callback, int status, String text) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
