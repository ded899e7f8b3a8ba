package dev.sluice.callback;

import dev.sluice.config.AddressRange;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses a callback may not reach unless `server.callbacks.allow` covers them: the server itself, its private
 * networks, link-local (cloud metadata at 169.254.169.254), and addresses that are no single host at all.
 */
final class BlockedAddresses {

    private static final Map<AddressRange, String> BLOCKED = new LinkedHashMap<>();

    static {
        block("loopback", "127.0.0.0/8", "::1/128");
        block("unspecified", "0.0.0.0/8", "::/128");
        block("private", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10");
        block("shared (carrier-grade NAT)", "100.64.0.0/10");
        block("link-local", "169.254.0.0/16", "fe80::/10");
        block("special-purpose", "192.0.0.0/24", "198.18.0.0/15", "100::/64");
        block("multicast", "224.0.0.0/4", "ff00::/8");
        block("reserved or broadcast", "240.0.0.0/4");
        // why: these IPv6 forms carry an IPv4 address that the host or a gateway would reach instead
        block("NAT64", "64:ff9b::/96", "64:ff9b:1::/48");
        block("IPv4-compatible", "::/96");
    }

    private BlockedAddresses() {
    }

    private static void block(String why, String... ranges) {
        for (String range : ranges) {
            BLOCKED.put(AddressRange.parse(range).orElseThrow(), why);
        }
    }

    /** Why the address is refused (such as "loopback"), or empty when a callback may reach it. */
    static Optional<String> why(InetAddress address) {
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return why(embedded.get()).map(inner -> inner + " (inside an IPv6 address)");
        }
        return BLOCKED.entrySet().stream().filter(e -> e.getKey().contains(address)).map(Map.Entry::getValue).findFirst();
    }

    // why: Java turns ::ffff:a.b.c.d into an IPv4 address itself; 6to4 (2002::/16) and ::ffff:0:a.b.c.d (SIIT) are
    // not turned, yet route to the IPv4 address inside
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        try {
            if (b[0] == 0x20 && b[1] == 0x02) {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6)));
            }
            boolean mappedLike = Arrays.equals(Arrays.copyOfRange(b, 0, 8), new byte[8])
                    && ((b[8] == 0 && b[9] == 0 && b[10] == (byte) 0xff && b[11] == (byte) 0xff)
                    || (b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0));
            return mappedLike ? Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16))) : Optional.empty();
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }
}
