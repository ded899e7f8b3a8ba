package dev.sluice.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** A certificate chain, server's own certificate first, with the private key that matches it; checked before it is served. */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey key) {

    /** The password of the in-memory key store only; it never leaves this process. */
    public static final String STORE_PASSWORD = "sluice";
    public static final String ALIAS = "server";

    public CertifiedKey {
        chain = List.copyOf(chain);
    }

    /** Reads and checks a pair of PEM files; a certificate that has expired at {@code now} is refused. */
    public static CertifiedKey read(Path certFile, Path keyFile, Instant now) throws TlsFileException {
        List<X509Certificate> chain = PemFiles.readChain(certFile);
        PrivateKey key = PemFiles.readKey(keyFile);
        CertifiedKey pair = new CertifiedKey(chain, key);
        pair.check(certFile, keyFile, now);
        return pair;
    }

    /** Refuses a key that does not belong to the first certificate, and a first certificate out of its validity. */
    public void check(Path certFile, Path keyFile, Instant now) throws TlsFileException {
        if (!matches(chain.get(0).getPublicKey())) {
            for (int i = 1; i < chain.size(); i++) {
                if (matches(chain.get(i).getPublicKey())) {
                    throw new TlsFileException(TlsFileException.Part.CERT, certFile + ": the key matches certificate " + (i + 1)
                            + " of the file, not the first; the server's own certificate must come first (use fullchain.pem)");
                }
            }
            throw new TlsFileException(TlsFileException.Part.KEY, keyFile + " is not the key of the certificate in " + certFile
                    + " (" + subject() + "); give the key file written with this certificate");
        }
        if (now.isAfter(notAfter())) {
            throw new TlsFileException(TlsFileException.Part.CERT, certFile + ": the certificate for " + subject()
                    + " expired at " + notAfter() + "; every client would refuse it: renew it");
        }
        if (now.isBefore(chain.get(0).getNotBefore().toInstant())) {
            throw new TlsFileException(TlsFileException.Part.CERT, certFile + ": the certificate for " + subject()
                    + " is not valid before " + chain.get(0).getNotBefore().toInstant() + "; check the system clock");
        }
    }

    public Instant notAfter() {
        return chain.get(0).getNotAfter().toInstant();
    }

    public Instant notBefore() {
        return chain.get(0).getNotBefore().toInstant();
    }

    public String serial() {
        return chain.get(0).getSerialNumber().toString(16);
    }

    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName();
    }

    /** An in-memory key store holding this pair, as Jetty's SSL context factory takes it. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, STORE_PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
            return store;
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the certificate in a key store", e);
        }
    }

    // why: signing a probe and verifying it with the certificate's key works alike for RSA, EC and EdDSA keys
    private boolean matches(PublicKey publicKey) {
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())
                && !(publicKey.getAlgorithm().equals("EC") && key.getAlgorithm().equals("ECDSA"))) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "sluice key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException mismatch) {
            return false;
        }
    }
}
