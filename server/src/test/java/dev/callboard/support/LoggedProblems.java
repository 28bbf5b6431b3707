package dev.callboard.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the server logs at ERROR, and anything logged with a stack trace, in this JVM: for
 * tests that send what clients must not be able to turn into either.
 */
public final class LoggedProblems extends AppenderBase<ILoggingEvent> {
    private final List<String> problems = new ArrayList<>();

    private LoggedProblems() {}

    /** Starts collecting from the root logger. */
    public static LoggedProblems attach() {
        LoggedProblems appender = new LoggedProblems();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        return appender;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null) {
            String trace = event.getThrowableProxy() == null ? "" : " / " + event.getThrowableProxy().getClassName()
                    + ": " + event.getThrowableProxy().getMessage();
            problems.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage() + trace);
        }
    }

    /** What was collected since the last call, then forgets it. */
    public synchronized List<String> drain() {
        List<String> found = List.copyOf(problems);
        problems.clear();
        return found;
    }
}
