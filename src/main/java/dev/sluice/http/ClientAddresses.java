package dev.sluice.http;

import dev.sluice.config.AddressRange;
import dev.sluice.config.IpLiteral;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a request's client behind `server.trusted-proxies`. Forwarding headers count only when the direct peer is a
 * trusted proxy; the client is then found by walking the recorded hops from the nearest, past every trusted proxy, so
 * whatever a client wrote into the headers itself lies beyond the first untrusted hop and is never believed.
 * `X-Forwarded-*` wins over `Forwarded` when a request carries both (see the README for why).
 */
final class ClientAddresses {

    static final ClientAddresses UNTRUSTING = new ClientAddresses(List.of());
    private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "X-Real-IP");
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(:\\d{1,5})?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final List<AddressRange> trusted;

    ClientAddresses(List<AddressRange> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    static ClientAddresses of(List<String> trustedProxies) {
        return new ClientAddresses(trustedProxies.stream().map(p -> AddressRange.parse(p).orElseThrow()).toList());
    }

    /** The before-handler: resolves the client once and keeps it with the request. */
    void attach(Context ctx) {
        resolve(ctx).attachTo(ctx);
    }

    ClientAddress resolve(Context ctx) {
        String scheme = ctx.req().getScheme().toLowerCase(Locale.ROOT);
        String host = hostOf(ctx);
        Optional<InetAddress> peer = IpLiteral.parse(ctx.req().getRemoteAddr());
        if (peer.isEmpty()) {
            return new ClientAddress(ctx.req().getRemoteAddr(), false, scheme, host);
        }
        boolean forwarded = FORWARDING_HEADERS.stream().anyMatch(name -> ctx.header(name) != null);
        if (!forwarded || !trusts(peer.get())) {
            // why: a proxy on this machine that is not trusted would make every visitor look local; its headers say so
            return new ClientAddress(peer.get().getHostAddress(), peer.get().isLoopbackAddress() && !forwarded, scheme, host);
        }
        String xFor = joined(ctx, "X-Forwarded-For");
        String xProto = joined(ctx, "X-Forwarded-Proto");
        String xHost = joined(ctx, "X-Forwarded-Host");
        String standard = joined(ctx, "Forwarded");
        boolean xForwarded = xFor != null || xProto != null || xHost != null;
        List<ForwardedHops.Hop> hops = xForwarded ? ForwardedHops.ofXForwarded(xFor, xProto, xHost)
                : standard != null ? ForwardedHops.ofForwarded(standard) : List.of();
        if (hops.isEmpty()) {
            return new ClientAddress(peer.get().getHostAddress(), false, scheme, host);
        }
        ClientAddress client = walk(peer.get(), hops, scheme, host);
        // why: when both kinds are present one of them may be the client's own; if they disagree, neither may open the admin
        if (client.onThisMachine() && xFor != null && standard != null
                && !walk(peer.get(), ForwardedHops.ofForwarded(standard), scheme, host).address().equals(client.address())) {
            return new ClientAddress(client.address(), false, client.scheme(), client.host());
        }
        return client;
    }

    // why: this machine only when every hop from the client to here is on it; another machine's loopback is not ours
    private ClientAddress walk(InetAddress peer, List<ForwardedHops.Hop> hops, String scheme, String host) {
        boolean local = peer.isLoopbackAddress();
        for (int i = hops.size() - 1; ; i--) {
            ForwardedHops.Hop hop = hops.get(i);
            String proto = hop.proto().equalsIgnoreCase("https") || hop.proto().equalsIgnoreCase("http")
                    ? hop.proto().toLowerCase(Locale.ROOT) : scheme;
            String asked = HOST.matcher(hop.host()).matches() ? hop.host() : host;
            if (hop.client().isEmpty()) {
                return new ClientAddress(peer.getHostAddress(), false, proto, asked);
            }
            Optional<InetAddress> client = IpLiteral.parse(ForwardedHops.nodeName(hop.client()));
            if (client.isEmpty()) {
                String token = TOKEN.matcher(hop.client()).matches() ? hop.client() : "unknown";
                return new ClientAddress(token, false, proto, asked);
            }
            local &= client.get().isLoopbackAddress();
            if (i == 0 || !trusts(client.get())) {
                return new ClientAddress(client.get().getHostAddress(), local, proto, asked);
            }
        }
    }

    // why: an HTTP/2 request names its host in the :authority pseudo-header, not in a Host header
    private static String hostOf(Context ctx) {
        String host = ctx.header("Host");
        if (host == null && ctx.req().getProtocol().startsWith("HTTP/2")) {
            String name = ctx.req().getServerName();
            return (name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + ctx.req().getServerPort();
        }
        return host == null ? "" : host;
    }

    private boolean trusts(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static String joined(Context ctx, String name) {
        List<String> values = Collections.list(ctx.req().getHeaders(name));
        return values.isEmpty() ? null : String.join(",", values);
    }
}
