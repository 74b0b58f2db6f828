package org.coopwatch.app.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) or SIGTERM for long-running commands: closes what was registered, last registered
 * first (so the pipeline stops before the broker it talks to), then lets the command return.
 */
public final class Shutdown implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final Deque<Named> resources = new ArrayDeque<>();
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private record Named(String name, AutoCloseable resource) {
    }

    public Shutdown() {
        hook = new Thread(this::onSignal, "coopwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Closes {@code resource} on shutdown, before anything registered earlier. */
    public synchronized <T extends AutoCloseable> T register(String name, T resource) {
        resources.push(new Named(name, resource));
        return resource;
    }

    /** Forgets a resource that was closed already (e.g. a producer that finished its input). */
    public synchronized void unregister(AutoCloseable resource) {
        resources.removeIf(n -> n.resource() == resource);
    }

    /** Asks for a shutdown from inside the program (e.g. {@code run --once} is done). */
    public void request() {
        requested.countDown();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Blocks until Ctrl-C, SIGTERM or {@link #request()}. */
    public void await() throws InterruptedException {
        requested.await();
    }

    /** Like {@link #await()}, at most {@code timeout}; true if a shutdown was asked for. */
    public boolean await(java.time.Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void onSignal() {
        requested.countDown();
        closeAll(true);
    }

    private void closeAll(boolean signalled) {
        synchronized (this) {
            while (!resources.isEmpty()) {
                Named n = resources.pop();
                try {
                    if (signalled) {
                        LOG.info("Stopping {}", n.name());
                    } else {
                        LOG.debug("Stopping {}", n.name());
                    }
                    n.resource().close();
                } catch (Exception e) {
                    LOG.warn("Error while stopping {}: {}", n.name(), e.toString());
                }
            }
        }
        closed.countDown();
    }

    /** Closes everything now (normal end of a command) and unregisters the hook. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook does the closing; wait for it
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        closeAll(false);
    }
}
