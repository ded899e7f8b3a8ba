package dev.sluice.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The content codings a client accepts (`Accept-Encoding: br;q=1, gzip;q=0.5`), each with its weight. */
final class AcceptEncoding {

    private final Map<String, Double> weights;

    private AcceptEncoding(Map<String, Double> weights) {
        this.weights = weights;
    }

    static AcceptEncoding parse(String header) {
        Map<String, Double> weights = new HashMap<>();
        if (header != null) {
            for (String item : header.split(",")) {
                String[] parts = item.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty()) {
                    weights.put(coding, weightOf(parts));
                }
            }
        }
        return new AcceptEncoding(weights);
    }

    /** How much the client wants {@code coding}, from 0 (not at all) to 1. */
    double weight(String coding) {
        Double explicit = weights.get(coding);
        if (explicit != null) {
            return explicit;
        }
        return weights.getOrDefault("*", 0.0);
    }

    private static double weightOf(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
                try {
                    double q = Double.parseDouble(parameter.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException unreadable) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
