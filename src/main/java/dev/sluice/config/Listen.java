package dev.sluice.config;

/** A `host:port` listen address as the config writes it (`[::1]:80` for IPv6); port -1 when it is not one. */
public record Listen(String host, int port) {

    public static Listen parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException notANumber) {
            port = -1;
        }
        return new Listen(host, port >= 0 && port <= 65535 ? port : -1);
    }

    public boolean valid() {
        return port >= 0 && !host.isBlank();
    }
}
