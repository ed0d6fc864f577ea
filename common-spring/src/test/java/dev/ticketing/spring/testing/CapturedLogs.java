package dev.ticketing.spring.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** A logger's lines while open, at the level given, each written with the pattern given. */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final PatternLayout layout = new PatternLayout();

    public CapturedLogs(String loggerName, Level level, String pattern) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        layout.setContext(logger.getLoggerContext());
        layout.setPattern(pattern);
        layout.start();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(level);
    }

    /** The lines so far that contain the text, written with the pattern. */
    public List<String> containing(String text) {
        return List.copyOf(lines.list).stream().map(layout::doLayout).filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(lines);
        logger.setLevel(previousLevel);
        layout.stop();
    }
}
