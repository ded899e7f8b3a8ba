package dev.sluice.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM as certbot and openssl write it: a chain of certificates, and a private key in PKCS#8
 * ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY", with or without "EC PARAMETERS").
 */
public final class PemFiles {

    private PemFiles() {
    }

    public static List<X509Certificate> readChain(Path file) throws TlsFileException {
        String text = read(file, TlsFileException.Part.CERT);
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser pem = new PEMParser(new StringReader(text))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException bad) {
            throw new TlsFileException(TlsFileException.Part.CERT, file + " is not a PEM certificate chain: " + bad.getMessage());
        }
        if (chain.isEmpty()) {
            throw new TlsFileException(TlsFileException.Part.CERT, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(chain);
    }

    public static PrivateKey readKey(Path file) throws TlsFileException {
        String text = read(file, TlsFileException.Part.KEY);
        try (PEMParser pem = new PEMParser(new StringReader(text))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                switch (item) {
                    case PEMKeyPair pair -> {
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                    default -> {
                        // why: "EC PARAMETERS" may come before the key; certificates in a combined file are skipped too
                    }
                }
            }
        } catch (IOException | RuntimeException bad) {
            throw new TlsFileException(TlsFileException.Part.KEY, file + " is not a PEM private key: " + bad.getMessage());
        }
        throw new TlsFileException(TlsFileException.Part.KEY, file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static TlsFileException encrypted(Path file) {
        return new TlsFileException(TlsFileException.Part.KEY, file + " holds an encrypted key; give the server an unencrypted one"
                + " readable only by its user (chmod 600), as certbot writes it");
    }

    private static String read(Path file, TlsFileException.Part part) throws TlsFileException {
        try {
            if (Files.size(file) > 1 << 20) {
                throw new TlsFileException(part, file + " is larger than 1MB; it is not a PEM certificate or key");
            }
            return Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (NoSuchFileException missing) {
            throw new TlsFileException(part, file + " does not exist");
        } catch (java.nio.charset.CharacterCodingException binary) {
            throw new TlsFileException(part, file + " is not PEM text (DER files need converting: openssl x509 -inform der)");
        } catch (IOException unreadable) {
            throw new TlsFileException(part, file + " cannot be read: " + unreadable.getMessage());
        }
    }
}
