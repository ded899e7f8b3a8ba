package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Sluice's logging as set up in code: found by logback as a service, one line per event on stderr. */
@Timeout(30)
class LogSetupTest {

    @Test
    void logback_finds_it_as_a_service_and_uses_it() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogSetup.class);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("stderr")).as("this test JVM's logging is the one set up in code").isNotNull();
    }

    @Test
    void events_go_to_stderr_in_one_line_and_the_libraries_speak_from_warn() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("stderr");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        @SuppressWarnings("unchecked")
        var encoder = (ch.qos.logback.core.encoder.Encoder<ILoggingEvent>) stderr.getEncoder();
        ILoggingEvent event = new LoggingEvent("fqcn", context.getLogger("dev.sluice.app.SluiceServer"), Level.INFO,
                "event=started listen={}", null, new Object[] {"127.0.0.1:8080"});
        assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  SluiceServer event=started listen=127\\.0\\.0\\.1:8080\\R");
        String expected = System.getenv("SLUICE_LOG_LEVEL") == null ? "INFO"
                : Level.toLevel(System.getenv("SLUICE_LOG_LEVEL"), Level.INFO).toString();
        assertThat(root.getLevel().toString()).isEqualTo(expected);
        for (String library : new String[] {"org.eclipse.jetty", "io.javalin", "org.flywaydb", "com.zaxxer.hikari"}) {
            assertThat(context.getLogger(library).getLevel()).as(library).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("dev.sluice.app.SluiceServer").getEffectiveLevel()).isEqualTo(root.getLevel());
        context.stop();
    }

    @Test
    void a_configuration_file_named_on_the_command_line_takes_over() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        System.setProperty("logback.configurationFile", "custom.xml");
        try {
            assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr")).isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
            context.stop();
        }
    }
}
