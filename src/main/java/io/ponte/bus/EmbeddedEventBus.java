package io.ponte.bus;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The default, in-JVM bus: one FIFO lane per contact, lanes served by a bounded pool of workers. Events of one
 * contact run strictly one after another in arrival order; different contacts run in parallel, and a contact whose
 * deliveries are waiting to be retried holds up nobody else (waits are asynchronous, the lane just stays busy).
 */
public class EmbeddedEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEventBus.class);

    private final ConcurrentHashMap<String, ArrayDeque<BusEvent>> lanes = new ConcurrentHashMap<>();
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final int maxInFlight;
    private final ExecutorService workers;
    private volatile EventHandler handler;
    private volatile boolean running;

    public EmbeddedEventBus(int workers, int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.workers = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new CustomizableThreadFactory("ponte-worker-"));
    }

    @Override
    public boolean publish(BusEvent event) {
        if (!running) {
            return false;
        }
        if (!inFlight.add(event.id())) {
            return true; // already queued here: the sweep and a replay may race
        }
        if (count.incrementAndGet() > maxInFlight) {
            count.decrementAndGet();
            inFlight.remove(event.id());
            return false;
        }
        String key = event.orderingKey();
        lanes.compute(key, (k, lane) -> {
            if (lane == null) {
                lane = new ArrayDeque<>();
                lane.add(event);
                submit(k, event);
            } else {
                lane.add(event);
            }
            return lane;
        });
        return true;
    }

    private void submit(String key, BusEvent event) {
        workers.execute(() -> {
            try {
                handler.handle(event, () -> finished(key, event));
            } catch (RuntimeException e) {
                log.error("Event {} could not be handed to processing; the sweep will retry it", event.id(), e);
                finished(key, event);
            }
        });
    }

    private void finished(String key, BusEvent event) {
        inFlight.remove(event.id());
        count.decrementAndGet();
        lanes.compute(key, (k, lane) -> {
            if (lane == null) {
                return null;
            }
            lane.poll();
            BusEvent next = lane.peek();
            if (next == null) {
                return null;
            }
            submit(k, next);
            return lane;
        });
    }

    @Override
    public boolean isInFlight(UUID eventId) {
        return inFlight.contains(eventId);
    }

    @Override
    public Set<UUID> inFlightIds() {
        return Set.copyOf(inFlight);
    }

    @Override
    public int inFlight() {
        return count.get();
    }

    @Override
    public void start(EventHandler handler) {
        this.handler = handler;
        this.running = true;
    }

    @Override
    public void stop() {
        running = false;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
