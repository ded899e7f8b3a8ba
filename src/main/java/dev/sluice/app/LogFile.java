package dev.sluice.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TriggeringPolicyBase;
import dev.sluice.config.LogConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The server's log written to a file as well as to stderr (`log.file`), rolled over when it reaches `log.max-size`
 * into `FILE.1` … `FILE.<keep>`, so it never grows without bound. Detached again when the server stops.
 */
final class LogFile implements AutoCloseable {

    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} %msg%n";

    private final Optional<RollingFileAppender<ILoggingEvent>> appender;

    private LogFile(Optional<RollingFileAppender<ILoggingEvent>> appender) {
        this.appender = appender;
    }

    static LogFile attach(LogConfig config) {
        Optional<Path> file = config.filePath();
        if (file.isEmpty()) {
            return new LogFile(Optional.empty());
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("sluice-log-file");
        appender.setFile(file.get().toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.get() + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(config.keep());
        rolling.start();
        SizeTrigger trigger = new SizeTrigger(config.maxSize().bytes());
        trigger.setContext(context);
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setEncoder(encoder);
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return new LogFile(Optional.of(appender));
    }

    @Override
    public void close() {
        appender.ifPresent(a -> {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(a);
            a.stop();
        });
    }

    // why: logback's size trigger looks at the file at most once a minute, so a burst could grow it far past the
    // limit; a file's length is one cheap call, made for each line
    private static final class SizeTrigger extends TriggeringPolicyBase<ILoggingEvent> {

        private final long maxBytes;

        SizeTrigger(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean isTriggeringEvent(File activeFile, ILoggingEvent event) {
            return activeFile.length() >= maxBytes;
        }
    }
}
