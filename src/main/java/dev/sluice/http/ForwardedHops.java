package dev.sluice.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hops proxies recorded in `Forwarded` (RFC 7239) or in `X-Forwarded-For`, `-Proto` and `-Host`, nearest proxy
 * last. A hop's `client` is the node its proxy received the request from ("" if the proxy did not say).
 */
final class ForwardedHops {

    /** One proxy's record: whom it heard from, and the scheme and host that client asked for ("" when not said). */
    record Hop(String client, String proto, String host) {
    }

    // why: a header that cannot be read leaves the client unknown, and an unknown client is never this machine
    static final List<Hop> UNREADABLE = List.of(new Hop("unknown", "", ""));

    private ForwardedHops() {
    }

    /** The hops of `X-Forwarded-*`; proto and host lists line up with the clients when a proxy appended to each. */
    static List<Hop> ofXForwarded(String forList, String protoList, String hostList) {
        List<String> clients = items(forList);
        List<String> protos = items(protoList);
        List<String> hosts = items(hostList);
        if (clients.isEmpty()) {
            return List.of(new Hop("", last(protos), last(hosts)));
        }
        List<Hop> hops = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            hops.add(new Hop(clients.get(i), protos.size() == clients.size() ? protos.get(i) : last(protos),
                    hosts.size() == clients.size() ? hosts.get(i) : last(hosts)));
        }
        return hops;
    }

    /** The hops of `Forwarded: for=192.0.2.60;proto=https;host=example.com, for="[2001:db8::17]:4711"`. */
    static List<Hop> ofForwarded(String header) {
        List<Hop> hops = new ArrayList<>();
        Map<String, String> pairs = new TreeMap<>();
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        boolean inValue = false;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < header.length()) {
                    value.append(header.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"' && inValue) {
                quoted = true;
            } else if (c == '=' && !inValue) {
                inValue = true;
            } else if (c == ';' || c == ',') {
                if (!pair(pairs, key, value, inValue)) {
                    return UNREADABLE;
                }
                inValue = false;
                if (c == ',') {
                    element(hops, pairs);
                }
            } else if (c != ' ' && c != '\t') {
                (inValue ? value : key).append(c);
            }
        }
        if (quoted || !pair(pairs, key, value, inValue)) {
            return UNREADABLE;
        }
        element(hops, pairs);
        return hops;
    }

    private static boolean pair(Map<String, String> pairs, StringBuilder key, StringBuilder value, boolean inValue) {
        if (key.isEmpty() && !inValue) {
            return true;
        }
        if (key.isEmpty() || !inValue) {
            return false;
        }
        pairs.put(key.toString().toLowerCase(Locale.ROOT), value.toString());
        key.setLength(0);
        value.setLength(0);
        return true;
    }

    private static void element(List<Hop> hops, Map<String, String> pairs) {
        if (!pairs.isEmpty()) {
            hops.add(new Hop(pairs.getOrDefault("for", ""), pairs.getOrDefault("proto", ""), pairs.getOrDefault("host", "")));
        }
        pairs.clear();
    }

    /** The address part of a node: `[2001:db8::1]:4711` gives `2001:db8::1`, `192.0.2.43:47011` gives `192.0.2.43`. */
    static String nodeName(String node) {
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close < 0 ? node : node.substring(1, close);
        }
        int colon = node.indexOf(':');
        return colon >= 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
    }

    private static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        if (list != null) {
            for (String item : list.split(",")) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static String last(List<String> items) {
        return items.isEmpty() ? "" : items.get(items.size() - 1);
    }
}
