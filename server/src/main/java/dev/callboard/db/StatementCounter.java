package dev.callboard.db;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the SQL statements the server executes (every {@code execute*} call on a statement, a batch
 * counting once), so that "no database work per heartbeat" is something the benchmark measures
 * instead of something we assert. Wraps connections and statements in JDK proxies; the cost is one
 * extra indirect call per JDBC method, nothing per row.
 */
public final class StatementCounter {
    private final LongAdder statements = new LongAdder();

    public long count() {
        return statements.sum();
    }

    /** A DataSource whose connections count their statements here; everything else is delegated. */
    public DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                interfacesOf(target, DataSource.class), (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c && method.getName().equals("getConnection") ? connection(c) : result;
                });
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof CallableStatement s) return statement(s, CallableStatement.class);
                    if (result instanceof PreparedStatement s) return statement(s, PreparedStatement.class);
                    if (result instanceof Statement s) return statement(s, Statement.class);
                    return result;
                });
    }

    private Statement statement(Statement target, Class<? extends Statement> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) statements.increment();
            return invoke(target, method, args);
        };
        return (Statement) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Class<?>[] interfacesOf(Object target, Class<?> main) {
        if (target instanceof AutoCloseable) return new Class<?>[]{main, AutoCloseable.class};
        return new Class<?>[]{main};
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
