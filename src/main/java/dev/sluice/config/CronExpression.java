package dev.sluice.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Map;

/** Reads a schedule's `cron`: Unix cron's five fields, or one of the @hourly, @daily, @weekly, @monthly, @yearly macros. */
public final class CronExpression {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private CronExpression() {
    }

    /** Throws IllegalArgumentException saying what is wrong with the expression. */
    public static Cron parse(String expression) {
        String trimmed = expression.trim();
        return PARSER.parse(MACROS.getOrDefault(trimmed, trimmed));
    }
}
