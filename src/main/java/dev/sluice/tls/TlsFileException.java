package dev.sluice.tls;

/** A certificate or key file that cannot be served, and which of the two is at fault. */
public final class TlsFileException extends Exception {

    /** Which file of the pair the problem is in. */
    public enum Part { CERT, KEY }

    private final Part part;

    public TlsFileException(Part part, String message) {
        super(message);
        this.part = part;
    }

    public Part part() {
        return part;
    }
}
