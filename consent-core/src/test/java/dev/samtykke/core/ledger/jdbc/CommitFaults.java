package dev.samtykke.core.ledger.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link DataSource} wrapped at the true boundary, the driver's {@link Connection}: the next {@code commit()} can be
 * made to fail as a connection lost during commit does, either after the database committed (the answer was lost) or
 * before (the transaction never reached it); and {@code getConnection()} can be made to fail, as while the database is
 * down.
 */
public final class CommitFaults {

    /** What the next commit does. */
    public enum NextCommit {
        /** Commits as usual. */
        NORMAL,
        /** Commits, then throws as if the connection broke before the database's answer arrived. */
        COMMIT_THEN_THROW,
        /** Throws without committing, as if the connection broke before the commit reached the database. */
        THROW_WITHOUT_COMMIT
    }

    private final DataSource real;
    private final AtomicReference<NextCommit> next = new AtomicReference<>(NextCommit.NORMAL);
    private final AtomicBoolean downAfterFault = new AtomicBoolean();
    private final AtomicBoolean down = new AtomicBoolean();

    public CommitFaults(DataSource real) {
        this.real = real;
    }

    /** Arms the next commit. */
    public void failNextCommit(NextCommit how) {
        next.set(how);
    }

    /** Arms the next commit, and from then on refuses connections (the database went away with the commit). */
    void failNextCommitAndGoDown(NextCommit how) {
        downAfterFault.set(true);
        next.set(how);
    }

    /** Whether connections are refused. */
    void down(boolean isDown) {
        down.set(isDown);
    }

    /** The wrapped data source. */
    public DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(CommitFaults.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (down.get()) {
                            throw new SQLException("Connection refused", "08001");
                        }
                        return connection((Connection) invoke(real, method, args));
                    }
                    return invoke(real, method, args);
                });
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(CommitFaults.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        NextCommit how = next.getAndSet(NextCommit.NORMAL);
                        if (how != NextCommit.NORMAL) {
                            if (how == NextCommit.COMMIT_THEN_THROW) {
                                c.commit();
                            }
                            if (downAfterFault.get()) {
                                down.set(true);
                            }
                            throw new SQLException("An I/O error occurred while sending to the backend (connection reset)", "08006");
                        }
                    }
                    return invoke(c, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
