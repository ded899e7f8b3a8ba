package dev.sluice.http;

import dev.sluice.config.HstsConfig;
import dev.sluice.tls.CertifiedKey;
import java.util.Optional;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** TLS 1.2 and 1.3 with forward-secret AEAD ciphers only, then HTTP/2 or HTTP/1.1 as ALPN chooses. */
final class HttpsConnectionFactories {

    // why: Mozilla's "intermediate" list without DHE: no CBC, no SHA-1 MACs, no RSA key exchange; all of them HTTP/2-safe
    private static final String[] CIPHERS = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    };

    private HttpsConnectionFactories() {
    }

    static SslContextFactory.Server sslContext(CertifiedKey pair) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(pair.keyStore());
        ssl.setKeyStorePassword(CertifiedKey.STORE_PASSWORD);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setIncludeCipherSuites(CIPHERS);
        ssl.setRenegotiationAllowed(false);
        return ssl;
    }

    /** Swaps the certificate for new handshakes; connections open already keep theirs. */
    static void reload(SslContextFactory.Server ssl, CertifiedKey pair) {
        try {
            ssl.reload(factory -> factory.setKeyStore(pair.keyStore()));
        } catch (Exception failed) {
            throw new IllegalStateException("cannot load the new certificate into the TLS context: " + failed.getMessage(), failed);
        }
    }

    static ConnectionFactory[] of(HttpConfiguration http, SslContextFactory.Server ssl, Optional<HstsConfig> hsts) {
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        hsts.ifPresent(h -> {
            secure.setStsMaxAge(h.maxAge().toSeconds());
            secure.setStsIncludeSubDomains(h.includeSubdomains());
        });
        http.addCustomizer(secure);
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ConnectionFactory[] {new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2, http1};
    }
}
