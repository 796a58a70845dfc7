package io.ponte.intake;

import io.ponte.engine.EventStore;
import io.ponte.engine.EventStore.NewEvent;
import io.ponte.engine.EventStore.Stored;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for intake: concurrent webhooks are inserted together, many per transaction, and each request waits
 * only for the commit that holds its event. One fsync then acknowledges hundreds of webhooks, which is what lets a
 * durable acknowledgement cost milliseconds instead of a disk flush each.
 */
public class IntakeWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeWriter.class);

    private record Pending(NewEvent event, CompletableFuture<Stored> result) {}

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final EventStore store;
    private final int batchSize;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    public IntakeWriter(EventStore store, int batchSize, int threads) {
        this.store = store;
        this.batchSize = batchSize;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::run, "ponte-intake-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /** Stores the event; the future completes after the commit (or fails: the sender must retry). */
    public CompletableFuture<Stored> store(NewEvent event) {
        CompletableFuture<Stored> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException("Ponte is shutting down"));
            return result;
        }
        queue.add(new Pending(event, result));
        return result;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Stored> stored = store.insertAll(batch.stream().map(Pending::event).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(stored.get(i));
            }
        } catch (RuntimeException e) {
            log.error("Could not store {} webhooks; their senders get 503 and will retry: {}", batch.size(),
                    e.getMessage());
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result().completeExceptionally(new IllegalStateException("Ponte is shutting down"));
        }
    }
}
