package dev.sluice.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * The `acme/` folder under data-dir: the account key, the domain key and the issued chain, each readable by the
 * server's user only (0600, in a 0700 folder), each replaced in one rename so a crash never leaves half a file.
 */
final class AcmeFiles {

    static final String ACCOUNT_KEY = "account.key";
    static final String DOMAIN_KEY = "domain.key";
    static final String CHAIN = "chain.pem";

    private final Path folder;

    AcmeFiles(Path folder) {
        this.folder = folder;
    }

    Path chainFile() {
        return folder.resolve(CHAIN);
    }

    Path domainKeyFile() {
        return folder.resolve(DOMAIN_KEY);
    }

    /** The key pair in {@code name}, made (an EC P-256 pair) and stored on first use. */
    KeyPair keyPair(String name) {
        Path file = folder.resolve(name);
        try {
            if (Files.exists(file)) {
                return KeyPairPem.read(Files.readString(file, StandardCharsets.US_ASCII));
            }
            KeyPair fresh = KeyPairPem.newEcKeyPair();
            write(name, KeyPairPem.write(fresh));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or store the ACME key " + file, e);
        }
    }

    void writeChain(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate cert : chain) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode the issued certificate", e);
            }
        }
        write(CHAIN, pem.toString());
    }

    private void write(String name, String text) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // why: a folder made by hand (or by an older copy) may be open to others; the keys inside must not be
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            Path temp = folder.resolve("." + name + ".new");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + folder.resolve(name), e);
        }
    }
}
