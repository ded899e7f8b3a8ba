package dev.sluice.cli;

import dev.sluice.config.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The value of `--since`: a duration back from now (2h, 3d, 1h30m) or an ISO instant, as the instant it names. */
final class CreatedSince implements ITypeConverter<Instant> {

    private final Clock clock;

    CreatedSince() {
        this(Clock.systemUTC());
    }

    CreatedSince(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return clock.instant().minus(Durations.parse(value));
            } catch (IllegalArgumentException notADuration) {
                throw new TypeConversionException("'" + value + "' is neither a duration such as 2h or 3d nor an instant"
                        + " such as 2026-12-01T00:00:00Z");
            }
        }
    }
}
