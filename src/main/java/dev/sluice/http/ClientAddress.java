package dev.sluice.http;

import io.javalin.http.Context;

/**
 * Who sent a request and what it asked for, once forwarding headers of trusted proxies are taken into account:
 * the client's address (for logs and per-client limits), whether it is on this machine (the admin loopback rule),
 * and the scheme and host the client used. Resolved once per request by {@link ClientAddresses}.
 */
record ClientAddress(String address, boolean onThisMachine, String scheme, String host) {

    private static final String ATTRIBUTE = "sluice.client-address";

    /** The request's client; a request the resolver did not see is taken as it came, forwarding headers ignored. */
    static ClientAddress of(Context ctx) {
        ClientAddress resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : ClientAddresses.UNTRUSTING.resolve(ctx);
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }
}
