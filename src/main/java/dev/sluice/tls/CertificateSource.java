package dev.sluice.tls;

/** Where the served certificate comes from: PEM files that are watched, or an ACME account that renews it. */
public interface CertificateSource {

    /** The pair to start serving with; a problem here stops the start. */
    CertifiedKey initial() throws TlsFileException;

    /** Begins watching or renewing; every new pair is given to the listener passed at construction. */
    void start();

    void stop();
}
