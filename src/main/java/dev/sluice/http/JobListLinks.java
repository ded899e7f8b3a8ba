package dev.sluice.http;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The query strings of a job list's self, next and prev links: the request's own filters with another page. */
final class JobListLinks {

    private JobListLinks() {
    }

    /** `?…` with every filter of the request as it was sent, and `offset` and `limit` for the page wanted. */
    static String query(Context ctx, int offset, int limit) {
        StringJoiner query = new StringJoiner("&", "?", "");
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            if (parameter.getKey().equals("offset") || parameter.getKey().equals("limit") || parameter.getKey().equals("f")) {
                continue;
            }
            for (String value : parameter.getValue()) {
                query.add(encoded(parameter.getKey()) + "=" + encoded(value));
            }
        }
        query.add("limit=" + limit);
        if (offset > 0) {
            query.add("offset=" + offset);
        }
        return query.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
