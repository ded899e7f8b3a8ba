package dev.sluice.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * `server.base-path`: a request under the prefix is routed as if it came without it, and a request without it (a
 * proxy that strips the prefix) as it is, so the routes stay at the root either way while links carry the prefix.
 */
final class BasePathFilter implements Filter {

    private final Hrefs hrefs;

    BasePathFilter(Hrefs hrefs) {
        this.hrefs = hrefs;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            String uri = http.getRequestURI();
            String routed = hrefs.routed(uri);
            if (!routed.equals(uri)) {
                chain.doFilter(new Unprefixed(http, routed), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static final class Unprefixed extends HttpServletRequestWrapper {

        private final String uri;

        Unprefixed(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getServletPath() {
            return "";
        }

        @Override
        public String getPathInfo() {
            return uri;
        }
    }
}
