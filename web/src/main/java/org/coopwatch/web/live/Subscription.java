package org.coopwatch.web.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One live-view client's queue of SSE frames. A client that falls behind by a whole queue is cut off
 * (its queue cleared and closed): it reconnects with {@code Last-Event-ID} and gets the missed items
 * from the feed's buffer, rather than slowing the feed down for everyone.
 */
public final class Subscription implements AutoCloseable {

    /** Put in the queue to wake the writer when the subscription ends; compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String END = new String("end");

    private final BlockingQueue<String> queue;
    private final LiveFeed feed;
    private volatile boolean ended;

    Subscription(LiveFeed feed, int capacity) {
        this.feed = feed;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // one slot kept for END
    }

    /** Queues a frame; false when the queue is full or the subscription ended. Called under the feed's lock. */
    boolean offer(String frame) {
        return !ended && queue.remainingCapacity() > 1 && queue.offer(frame);
    }

    /** Ends the subscription; the writer gets the frames queued before, unless they are dropped. */
    void end(boolean dropQueued) {
        if (ended) return;
        ended = true;
        if (dropQueued) queue.clear();
        queue.offer(END);
    }

    /**
     * The next frame; null after {@code timeoutMillis} without one (send a heartbeat) or when the
     * subscription has ended (see {@link #isOpen()}).
     */
    public String poll(long timeoutMillis) throws InterruptedException {
        String f = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return f == END ? null : f;
    }

    /** False once ended and every frame before the end was taken. */
    public boolean isOpen() {
        return !ended || (!queue.isEmpty() && queue.peek() != END);
    }

    @Override
    public void close() {
        feed.unsubscribe(this);
        end(true);
    }
}
