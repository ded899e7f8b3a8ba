package dev.sluice.config;

import java.net.InetAddress;
import java.util.Optional;

/** A block of addresses in CIDR notation (`10.0.0.0/8`, `fd00::/8`); a bare address is a block of one. */
public final class AddressRange {

    private final byte[] network;
    private final int prefix;

    private AddressRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** The block, or why the text is not one. */
    public static Optional<AddressRange> parse(String text) {
        return problemWith(text).isPresent() ? Optional.empty() : Optional.of(read(text.trim()));
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            if (bitOf(bytes, bit) != bitOf(network, bit)) {
                return false;
            }
        }
        return true;
    }

    static Optional<String> problemWith(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("is empty; write an address or a block such as 10.0.0.0/8");
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        Optional<InetAddress> address = IpLiteral.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.of("'" + text + "' is not an IP address or a block such as 10.0.0.0/8 or fd00::/8 (names are not allowed)");
        }
        int bits = address.get().getAddress().length * 8;
        if (slash < 0) {
            return Optional.empty();
        }
        String length = trimmed.substring(slash + 1);
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
            return Optional.of("'" + text + "' has a prefix length that is not a number from 0 to " + bits);
        }
        byte[] bytes = address.get().getAddress();
        for (int bit = Integer.parseInt(length); bit < bits; bit++) {
            if (bitOf(bytes, bit) != 0) {
                return Optional.of("'" + text + "' has bits set past its /" + length + " prefix; write the block's first address"
                        + " (such as 10.0.0.0/8)");
            }
        }
        return Optional.empty();
    }

    private static AddressRange read(String text) {
        int slash = text.indexOf('/');
        byte[] bytes = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash)).orElseThrow().getAddress();
        return new AddressRange(bytes, slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1)));
    }

    private static int bitOf(byte[] bytes, int bit) {
        return (bytes[bit / 8] >> (7 - bit % 8)) & 1;
    }
}
