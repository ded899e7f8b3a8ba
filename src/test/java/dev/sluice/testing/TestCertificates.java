package dev.sluice.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A certificate authority made for one test, in memory, and the server certificates it signs, written as PEM files
 * the way certbot writes them (fullchain.pem, privkey.pem). A client trusts exactly this authority.
 */
public final class TestCertificates {

    /** How the private key is written: PKCS#8 ("PRIVATE KEY", certbot's) or the traditional RSA/EC form. */
    public enum KeyFormat { PKCS8, TRADITIONAL }

    /** The files of one issued certificate, and the certificate itself. */
    public record Issued(Path cert, Path key, X509Certificate leaf) {
        public String serial() {
            return leaf.getSerialNumber().toString(16);
        }
    }

    private final KeyPair caKey;
    private final X509Certificate ca;

    private TestCertificates(KeyPair caKey, X509Certificate ca) {
        this.caKey = caKey;
        this.ca = ca;
    }

    public static TestCertificates newAuthority(String name) {
        KeyPair key = keyPair("EC");
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, key.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificates(key, sign(builder, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate certificate() {
        return ca;
    }

    /** A client context that trusts this authority and nothing else. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("test-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for localhost and 127.0.0.1, valid now for a day, with an EC key in PKCS#8. */
    public Issued issue(Path dir) {
        Instant now = Instant.now();
        return issue(dir, "EC", KeyFormat.PKCS8, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)));
    }

    public Issued issue(Path dir, String algorithm, KeyFormat format, Instant notBefore, Instant notAfter) {
        KeyPair key = keyPair(algorithm);
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=localhost"), key.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate leaf = sign(builder, caKey);
            Files.createDirectories(dir);
            Path cert = dir.resolve("fullchain.pem");
            Path keyFile = dir.resolve("privkey.pem");
            Files.writeString(cert, pem(leaf) + pem(ca));
            Files.writeString(keyFile, pem(new JcaPKCS8Generator(key.getPrivate(), null)));
            if (format == KeyFormat.TRADITIONAL) {
                traditional(keyFile);
            }
            return new Issued(cert, keyFile, leaf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // why: openssl writes the traditional forms as users have them (an EC key names its curve inside); BC would not
    private static void traditional(Path keyFile) throws IOException {
        Path out = keyFile.resolveSibling(keyFile.getFileName() + ".traditional");
        Process openssl = new ProcessBuilder("openssl", "pkey", "-in", keyFile.toString(), "-traditional", "-out", out.toString())
                .redirectErrorStream(true).start();
        try {
            String said = new String(openssl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (openssl.waitFor() != 0) {
                throw new IOException("openssl pkey failed: " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.move(out, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The serial number (hex) of the certificate a fresh handshake with the server on {@code port} is given, for the name
     * localhost, checked against what {@code trust} trusts (a new socket: no session to resume).
     */
    public static String servedSerial(javax.net.ssl.SSLContext trust, int port) throws java.io.IOException {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName("localhost")));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
        }
    }

    public static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
    }
}
