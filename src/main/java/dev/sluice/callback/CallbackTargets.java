package dev.sluice.callback;

import dev.sluice.config.AddressRange;
import dev.sluice.config.CallbacksConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a callback may go to: absolute http(s) without user info, at most {@link #LONGEST} characters, on a host
 * whose every address is outside {@link BlockedAddresses} or inside `server.callbacks.allow`. Checked when the job is
 * submitted and again, with a fresh lookup, before each delivery.
 */
public final class CallbackTargets {

    public static final int LONGEST = 2000;

    private final List<AddressRange> allowed;
    private final AddressLookup lookup;

    /** Resolves a host name; a test may answer for names DNS does not know. */
    public interface AddressLookup {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public CallbackTargets(CallbacksConfig config) {
        this(config, InetAddress::getAllByName);
    }

    public CallbackTargets(CallbacksConfig config, AddressLookup lookup) {
        this.allowed = config.allowedRanges();
        this.lookup = lookup;
    }

    /** A target that passed its checks: the URL and the one address to connect to. */
    public record Target(URI uri, String host, InetAddress address, int port, boolean https) {
    }

    /** Thrown when a URL may not be called; the message says why, for the client or the log. */
    public static final class Refused extends Exception {
        private final boolean mayPass;

        Refused(String why) {
            this(why, false);
        }

        Refused(String why, boolean mayPass) {
            super(why, null, false, false);
            this.mayPass = mayPass;
        }

        /** Whether asking again later may pass (a name that did not resolve), unlike a refused address or form. */
        public boolean mayPassLater() {
            return mayPass;
        }
    }

    /** Checks the URL's form and every address its host has now; the first address is the one to connect to. */
    public Target check(String text) throws Refused {
        URI uri = parse(text);
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = lookup.resolve(bare);
        } catch (UnknownHostException | IllegalArgumentException | SecurityException unknown) {
            throw new Refused("names the host '" + host + "', which cannot be resolved", true);
        }
        if (addresses.length == 0) {
            throw new Refused("names the host '" + host + "', which cannot be resolved", true);
        }
        // why: every address is checked, not just the first: a name that also answers with an inner address could
        // be used to reach it whenever the connection falls back to it
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                throw new Refused("names the host '" + host + "', which is (or resolves to) " + address.getHostAddress() + ", a " + why.get()
                        + " address, which callbacks may not reach unless server.callbacks.allow covers it");
            }
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        return new Target(uri, bare, addresses[0], port, https);
    }

    private Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        return BlockedAddresses.why(address);
    }

    private static URI parse(String text) throws Refused {
        if (text.length() > LONGEST) {
            throw new Refused("is longer than " + LONGEST + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException malformed) {
            throw new Refused("is not a valid URL (" + malformed.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new Refused("must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("has no host name (or one with characters a host name cannot have)");
        }
        // why: Java reads 0177.0.0.1 as decimal (177.0.0.1) where other software reads octal (127.0.0.1); the address
        // checked and the one connected to would agree, but a reader of the URL would be misled
        if (uri.getHost().matches("[0-9.]+") && uri.getHost().matches(".*(^|\\.)0[0-9].*")) {
            throw new Refused("has a numeric host with a leading zero, which is read as octal by some software and as"
                    + " decimal by others; write the address without leading zeros");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment (#...)");
        }
        return uri;
    }
}
