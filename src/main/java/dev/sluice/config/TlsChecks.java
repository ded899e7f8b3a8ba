package dev.sluice.config;

import dev.sluice.tls.CertifiedKey;
import dev.sluice.tls.PemFiles;
import dev.sluice.tls.TlsFileException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Checks `server.tls`: a readable certificate and matching key, still valid, or a usable `acme` setting; HSTS and the plain listener. */
final class TlsChecks {

    private static final String AT = "/server/tls";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>:]+@[^@\\s,;<>:]+");

    private TlsChecks() {
    }

    static void check(ServerConfig server, Instant now, BiConsumer<String, String> problem) {
        TlsConfig tls = server.tls();
        if (!tls.enabled()) {
            if (tls.hsts() != null || tls.httpListen() != null) {
                problem.accept(AT, "needs a certificate: cert and key (PEM files), or acme");
            }
            return;
        }
        if (tls.acme() != null) {
            if (tls.cert() != null || tls.key() != null) {
                problem.accept(AT + "/acme", "cannot be combined with cert and key: either the files or ACME provide the certificate");
            }
            checkAcme(tls, problem);
        } else if (tls.cert() == null) {
            problem.accept(AT + "/cert", "is required with key: the certificate chain file (fullchain.pem)");
        } else if (tls.key() == null) {
            problem.accept(AT + "/key", "is required with cert: the private key file (privkey.pem)");
        } else if (!ConfigValidator.isPath(tls.cert())) {
            problem.accept(AT + "/cert", "is not a valid path");
        } else if (!ConfigValidator.isPath(tls.key())) {
            problem.accept(AT + "/key", "is not a valid path");
        } else {
            try {
                CertifiedKey.read(Path.of(tls.cert()), Path.of(tls.key()), now);
            } catch (TlsFileException bad) {
                problem.accept(AT + (bad.part() == TlsFileException.Part.CERT ? "/cert" : "/key"), bad.getMessage());
            }
        }
        if (tls.hsts() != null && tls.hsts().maxAge().isNegative()) {
            problem.accept(AT + "/hsts/max-age", "cannot be negative (0s tells browsers to forget it)");
        }
        if (tls.httpListen() != null) {
            Listen plain = Listen.parse(tls.httpListen());
            if (!plain.valid()) {
                problem.accept(AT + "/http-listen", "'" + tls.httpListen() + "' is not host:port such as 0.0.0.0:80");
            } else if (plain.port() != 0 && plain.port() == server.port()) {
                problem.accept(AT + "/http-listen", "uses the port of server.listen (" + server.port() + "); plain HTTP needs a port of its own");
            }
        }
    }

    private static void checkAcme(TlsConfig tls, BiConsumer<String, String> problem) {
        AcmeConfig acme = tls.acme();
        String at = AT + "/acme";
        if (acme.domains().isEmpty()) {
            problem.accept(at + "/domains", "needs at least one domain name, such as [jobs.example.org]");
        }
        for (int i = 0; i < acme.domains().size(); i++) {
            String domain = acme.domains().get(i);
            if (domain == null || !DOMAIN.matcher(domain).matches() || domain.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                problem.accept(at + "/domains/" + i, "'" + domain + "' is not a lower-case domain name such as jobs.example.org"
                        + " (wildcards and IP addresses cannot be validated over HTTP)");
            }
        }
        if (acme.email() != null && !EMAIL.matcher(acme.email()).matches()) {
            problem.accept(at + "/email", "'" + acme.email() + "' is not one e-mail address");
        }
        URI directory = null;
        try {
            directory = new URI(acme.directory());
        } catch (java.net.URISyntaxException bad) {
            // reported below
        }
        if (directory == null || !"https".equals(directory.getScheme()) || directory.getHost() == null) {
            problem.accept(at + "/directory", "'" + acme.directory() + "' is not an https URL of an ACME directory");
        }
        if (acme.trust() != null) {
            if (!ConfigValidator.isPath(acme.trust())) {
                problem.accept(at + "/trust", "is not a valid path");
            } else {
                try {
                    PemFiles.readChain(Path.of(acme.trust()));
                } catch (TlsFileException bad) {
                    problem.accept(at + "/trust", bad.getMessage());
                }
            }
        }
        if (acme.renewBefore() != null && acme.renewBefore().toMillis() < 1) {
            problem.accept(at + "/renew-before", "must be more than 0");
        }
        if (acme.checkEvery().toMillis() < 1000) {
            problem.accept(at + "/check-every", "must be at least 1s");
        }
        if (tls.httpListen() == null) {
            problem.accept(at, "needs http-listen (usually 0.0.0.0:80): the ACME server checks each domain over plain HTTP on port 80");
        }
    }
}
