/*
 * Ponte benchmark harness: a single-file Java program (JDK classes only), run with `java bench/Bench.java …` from the
 * project root, normally through bench/run.sh. See bench/README.md.
 *
 * It hosts the "CRM" (an HTTP sink answering POST /api/leads), starts Ponte as a separate JVM, measures its start to
 * a healthy /health, drives signed site-lead webhooks at it with a closed-loop load (N keep-alive connections, one
 * request in flight on each), waits until every acknowledged event has reached the sink, reads Ponte's own event
 * statistics, stops Ponte with SIGTERM and prints/writes the report.
 *
 * Modes:
 *   (default)     the benchmark described above
 *   --calibrate   compares the two load generators (raw keep-alive sockets vs java.net.http.HttpClient) against a
 *                 sink in a child JVM: requests/s and requests per CPU-second of the load-generating process
 *   --sink-only   just the sink, printing its port (used by --calibrate)
 */

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Bench {

    static final String SECRET = "bench-secret";
    static final String API_KEY = "bench-key";
    static final int TIMELINE_SECONDS = 7200;

    // One clock for everything in this process: epoch microseconds, monotonic (sent_at and sink receive times).
    static final long NANO_BASE;
    static final long EPOCH_BASE_MICROS;

    static {
        Instant now = Instant.now();
        NANO_BASE = System.nanoTime();
        EPOCH_BASE_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static long nowMicros() {
        return EPOCH_BASE_MICROS + (System.nanoTime() - NANO_BASE) / 1_000;
    }

    // ───────────────────────────────────────────── options ─────────────────────────────────────────────

    static final class Options {
        String mode = "run";
        int duration = 30;
        int warmup = 10;
        int concurrency = 64;
        int drain = 60;
        int healthTimeout = 180;
        int contacts = 1000;
        int sinkThreads = 4;
        int waitQuiet = 0;
        int sourceIps = 16;
        boolean durablePostgres;
        boolean intakeOnly;
        boolean restartCheck;
        String client = "socket";
        String xmx = "384m";
        Path workDir;
        Path resultsDir = Paths.get("bench", "results");
        String jar = "target/ponte.jar";
        final List<String> ponteArgs = new ArrayList<>();
        final List<String> ponteJvmArgs = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--ponte-jvm-arg=")) {
                    o.ponteJvmArgs.add(a.substring("--ponte-jvm-arg=".length()));
                    continue;
                }
                if (a.startsWith("--") && eq > 0 && !a.startsWith("--ponte-arg=")) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                } else if (a.startsWith("--ponte-arg=")) {
                    o.ponteArgs.add(a.substring("--ponte-arg=".length()));
                    continue;
                }
                switch (a) {
                    case "--calibrate" -> o.mode = "calibrate";
                    case "--sink-only" -> o.mode = "sink-only";
                    case "--durable-postgres" -> o.durablePostgres = true;
                    case "--intake-only" -> o.intakeOnly = true;
                    case "--restart-check" -> o.restartCheck = true;
                    case "-h", "--help" -> o.mode = "help";
                    default -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException(a + " needs a value");
                            }
                            value = args[++i];
                        }
                        switch (a) {
                            case "--duration" -> o.duration = Integer.parseInt(value);
                            case "--warmup" -> o.warmup = Integer.parseInt(value);
                            case "--concurrency" -> o.concurrency = Integer.parseInt(value);
                            case "--drain" -> o.drain = Integer.parseInt(value);
                            case "--health-timeout" -> o.healthTimeout = Integer.parseInt(value);
                            case "--contacts" -> o.contacts = Integer.parseInt(value);
                            case "--sink-threads" -> o.sinkThreads = Integer.parseInt(value);
                            case "--wait-quiet" -> o.waitQuiet = Integer.parseInt(value);
                            case "--source-ips" -> o.sourceIps = Integer.parseInt(value);
                            case "--client" -> o.client = value;
                            case "--xmx" -> o.xmx = value;
                            case "--work-dir" -> o.workDir = Paths.get(value);
                            case "--results-dir" -> o.resultsDir = Paths.get(value);
                            case "--jar" -> o.jar = value;
                            case "--ponte-arg" -> o.ponteArgs.add(value);
                            case "--ponte-jvm-arg" -> o.ponteJvmArgs.add(value);
                            default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                        }
                    }
                }
            }
            if (!o.client.equals("socket") && !o.client.equals("httpclient")) {
                throw new IllegalArgumentException("--client is socket or httpclient");
            }
            if (o.contacts < 1 || o.contacts > 10_000_000) {
                throw new IllegalArgumentException("--contacts is 1..10000000");
            }
            return o;
        }
    }

    static final String HELP = """
            usage: java bench/Bench.java [options]        (from the project root; normally via bench/run.sh)
              --duration S        measured load, seconds (30)
              --warmup S          load before the measured window, seconds (10)
              --concurrency N     connections, one request in flight on each (64)
              --drain S           after the load, wait at most this long for every accepted event to reach the sink (60)
              --contacts N        distinct phone numbers the leads cycle over (1000)
              --client C          socket (raw HTTP/1.1 keep-alive, default) or httpclient (java.net.http)
              --source-ips N      spread the connections over N source addresses 127.0.0.2 … (16; 0 = 127.0.0.1
                                  only). Ponte limits webhooks per source IP (ponte.security.webhook-requests-per-
                                  minute, default 60000 = 1,000/s sustained); real senders are several vendors
              --xmx SIZE          Ponte's -Xmx (384m)
              --ponte-arg ARG     extra argument for Ponte, repeatable (e.g. --ponte-arg --ponte.engine.workers=64)
              --ponte-jvm-arg ARG extra JVM option for Ponte, repeatable (e.g. --ponte-jvm-arg -XX:+UseParallelGC)
              --work-dir DIR      where Ponte's fresh data dir is created (default: a new temp dir, deleted at the end)
              --results-dir DIR   where the JSON report and Ponte's log go (bench/results)
              --wait-quiet S      wait up to S seconds for other processes to leave the CPU before starting (0)
              --durable-postgres  instead of Ponte's embedded PostgreSQL (which zonky starts with fsync=off and
                                  synchronous_commit=off), run the same PostgreSQL binaries with fsync=on and
                                  synchronous_commit=on and point Ponte at it (spring.datasource.url)
              --intake-only       diagnostic: post the same leads to /webhooks/crm/client-registered, which no flow
                                  subscribes to (stored as IGNORED): the cost of the durable intake alone
              --restart-check     SIGTERM Ponte as soon as the sink has every event (without waiting for Ponte's
                                  database to record them), start it again on the same data and count what reaches
                                  the sink again (every such request is a repeat)
              --calibrate         compare the load generators against a bare sink; no Ponte
            """;

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(HELP);
            System.exit(2);
            return;
        }
        switch (o.mode) {
            case "help" -> System.out.print(HELP);
            case "sink-only" -> sinkOnly(o);
            case "calibrate" -> calibrate(o);
            default -> {
                try {
                    new Bench(o).run();
                } catch (Throwable e) {
                    System.err.println("[bench] FAILED: " + e.getMessage());
                    if (!(e instanceof IllegalStateException)) {
                        e.printStackTrace();
                    }
                    System.exit(1); // the shutdown hook stops Ponte; non-daemon server threads must not keep us
                }
                System.exit(0);
            }
        }
    }

    // ───────────────────────────────────────────── events ─────────────────────────────────────────────

    /** Everything known about each generated event, indexed by its sequence number (chunked, grows on demand). */
    static final class Events {
        static final int SHIFT = 15;
        static final int SIZE = 1 << SHIFT;
        static final int MASK = SIZE - 1;

        static final class Chunk {
            final long[] sentAt = new long[SIZE];          // epoch µs, written by the load thread
            final int[] status = new int[SIZE];            // HTTP status of the webhook, -1 I/O error, 0 not answered
            final AtomicIntegerArray deliveries = new AtomicIntegerArray(SIZE);   // requests seen at the sink
            final AtomicLongArray firstDelivery = new AtomicLongArray(SIZE);      // epoch µs of the first one
            final long[] ponteIdHi = new long[SIZE];       // Ponte's event id from the 202 answer
            final long[] ponteIdLo = new long[SIZE];
        }

        final AtomicReferenceArray<Chunk> chunks = new AtomicReferenceArray<>(1 << 15);
        final AtomicLong next = new AtomicLong();

        Chunk chunk(long n) {
            int index = (int) (n >>> SHIFT);
            Chunk c = chunks.get(index);
            if (c == null) {
                Chunk fresh = new Chunk();
                c = chunks.compareAndSet(index, null, fresh) ? fresh : chunks.get(index);
            }
            return c;
        }

        Chunk existing(long n) {
            return chunks.get((int) (n >>> SHIFT));
        }
    }

    // ───────────────────────────────────────────── sink ─────────────────────────────────────────────

    /** The "CRM": answers POST /api/leads with 201 {"id":"<n>"} and records what it received. */
    static final class Sink {
        final Events events;
        final String eventPrefix;          // "b<run>-" ; event ids are prefix + sequence number
        final HttpServer server;
        final ExecutorService executor;
        final List<Thread> threads = new ArrayList<>();
        final AtomicLong ids = new AtomicLong();
        final LongAdder requests = new LongAdder();
        final LongAdder leadRequests = new LongAdder();
        final LongAdder unexpected = new LongAdder();          // other paths/methods
        final LongAdder unknownEvents = new LongAdder();       // body without one of our event ids
        final LongAdder missingDeliveryId = new LongAdder();
        final LongAdder duplicateDeliveryIds = new LongAdder();   // X-Ponte-Delivery-Id seen before
        final LongAdder duplicateEventDeliveries = new LongAdder(); // event delivered again (2nd, 3rd … request)
        final java.util.concurrent.ConcurrentLinkedQueue<long[]> duplicates =
                new java.util.concurrent.ConcurrentLinkedQueue<>(); // {event number, received at, µs after the first}
        final LongAdder distinctDelivered = new LongAdder();
        final Set<String> deliveryIds = ConcurrentHashMap.newKeySet(1 << 20);
        final AtomicLongArray perSecond = new AtomicLongArray(TIMELINE_SECONDS);
        final AtomicLongArray duplicatesPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
        final Map<String, String> unexpectedSamples = new ConcurrentHashMap<>();
        volatile long timelineStart = Long.MAX_VALUE;     // epoch µs of second 0
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;
        final LongAdder inWindow = new LongAdder();
        final LongAdder distinctInWindow = new LongAdder();
        final AtomicLong lastDelivery = new AtomicLong();

        Sink(Events events, String eventPrefix, int threads) throws IOException {
            // without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
            // 40 ms per request. Read once, when the server classes load, so set it before creating the server.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            this.events = events;
            this.eventPrefix = eventPrefix;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            AtomicInteger n = new AtomicInteger();
            executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "sink-" + n.incrementAndGet());
                t.setDaemon(true);
                synchronized (this.threads) {
                    this.threads.add(t);
                }
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
            executor.shutdownNow();
        }

        void handle(HttpExchange ex) throws IOException {
            long t = nowMicros();
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                requests.increment();
                String path = ex.getRequestURI().getPath();
                if (!"POST".equals(ex.getRequestMethod()) || !"/api/leads".equals(path)) {
                    unexpected.increment();
                    unexpectedSamples.putIfAbsent(ex.getRequestMethod() + " " + path, "");
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                leadRequests.increment();
                long second = (t - timelineStart) / 1_000_000;
                if (second >= 0 && second < TIMELINE_SECONDS) {
                    perSecond.incrementAndGet((int) second);
                }
                if (t >= windowStart && t < windowEnd) {
                    inWindow.increment();
                }
                lastDelivery.accumulateAndGet(t, Math::max);
                String deliveryId = ex.getRequestHeaders().getFirst("X-Ponte-Delivery-Id");
                if (deliveryId == null || deliveryId.isBlank()) {
                    missingDeliveryId.increment();
                } else if (!deliveryIds.add(deliveryId)) {
                    duplicateDeliveryIds.increment();
                }
                long n = eventNumber(new String(body, StandardCharsets.ISO_8859_1));
                if (n < 0) {
                    unknownEvents.increment();
                } else {
                    Events.Chunk c = events.chunk(n);
                    int i = (int) (n & Events.MASK);
                    if (c.deliveries.getAndIncrement(i) == 0) {
                        c.firstDelivery.set(i, t);
                        distinctDelivered.increment();
                        if (t >= windowStart && t < windowEnd) {
                            distinctInWindow.increment();
                        }
                    } else {
                        duplicateEventDeliveries.increment();
                        long first = c.firstDelivery.get(i);
                        duplicates.add(new long[] {n, t, first == 0 ? -1 : t - first});
                        if (second >= 0 && second < TIMELINE_SECONDS) {
                            duplicatesPerSecond.incrementAndGet((int) second);
                        }
                    }
                }
                byte[] answer = ("{\"id\":\"" + ids.incrementAndGet() + "\"}").getBytes(StandardCharsets.US_ASCII);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(201, answer.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
            }
        }

        /** The sequence number in the body's "event_id", or -1 when it is not one of ours. */
        long eventNumber(String body) {
            int key = body.indexOf("\"event_id\"");
            if (key < 0) {
                return -1;
            }
            int colon = body.indexOf(':', key + 10);
            int open = colon < 0 ? -1 : body.indexOf('"', colon + 1);
            int close = open < 0 ? -1 : body.indexOf('"', open + 1);
            if (close < 0) {
                return -1;
            }
            String id = body.substring(open + 1, close);
            if (!id.startsWith(eventPrefix)) {
                return -1;
            }
            try {
                return Long.parseLong(id, eventPrefix.length(), id.length(), 10);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    // ───────────────────────────────────────────── load ─────────────────────────────────────────────

    /** Per load thread counters; merged after the threads have ended. */
    static final class LoadStats {
        long[] latencies = new long[1 << 14];    // µs, responses completed inside the measured window
        int latencyCount;
        long accepted;                            // 202, whole run
        long acceptedWindow;
        long ignored;                             // 202 with "status":"ignored" (no flow subscribed!)
        long non202;
        long non202Window;
        long errors;
        long errorsWindow;
        long requests;
        final Map<Integer, Long> codes = new TreeMap<>();
        final Map<String, Long> errorKinds = new TreeMap<>();
        final Map<Integer, String> samples = new TreeMap<>();

        void latency(long micros) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = micros;
        }
    }

    /** One HTTP exchange at a time on one connection. */
    interface Client extends AutoCloseable {
        /** Sends the webhook; returns the HTTP status. {@link #lastBody()} holds the answer. */
        int post(byte[] body, String signature) throws IOException, InterruptedException;

        /** Retry-After of the last answer in seconds, -1 when none. */
        long lastRetryAfter();

        String lastBody();

        boolean lastBodyContains(byte[] needle);

        @Override
        void close();
    }

    /**
     * Raw HTTP/1.1 over a blocking keep-alive socket: the request is written with one write, the answer parsed by
     * hand (status, Content-Length or chunked, Connection: close). The cheapest client per request in the JDK.
     */
    static final class SocketClient implements Client {
        final InetSocketAddress address;
        final InetSocketAddress source;
        long retryAfter = -1;
        final String path;
        final byte[] requestHead;
        Socket socket;
        InputStream in;
        OutputStream out;
        byte[] buf = new byte[16 * 1024];
        int pos;
        int lim;
        byte[] request = new byte[4096];
        byte[] body = new byte[4096];
        int bodyLength;

        SocketClient(String host, int port, String path, String sourceIp) {
            this.address = new InetSocketAddress(host, port);
            this.source = sourceIp == null ? null : new InetSocketAddress(sourceIp, 0);
            this.path = path;
            this.requestHead = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/json\r\nX-Signature-256: sha256=")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        void connect() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            if (source != null) {
                s.bind(source);
            }
            s.connect(address, 5_000);
            s.setSoTimeout(60_000);
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
            pos = lim = 0;
        }

        @Override
        public int post(byte[] payload, String signature) throws IOException {
            if (socket == null) {
                connect();
            }
            byte[] tail = ("\r\nContent-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            int length = requestHead.length + signature.length() + tail.length + payload.length;
            if (request.length < length) {
                request = new byte[length * 2];
            }
            int p = 0;
            System.arraycopy(requestHead, 0, request, p, requestHead.length);
            p += requestHead.length;
            for (int i = 0; i < signature.length(); i++) {
                request[p++] = (byte) signature.charAt(i);
            }
            System.arraycopy(tail, 0, request, p, tail.length);
            p += tail.length;
            System.arraycopy(payload, 0, request, p, payload.length);
            p += payload.length;
            try {
                out.write(request, 0, p);
                return readResponse();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        int readResponse() throws IOException {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new EOFException("connection closed before the response");
            }
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int code = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            retryAfter = -1;
            boolean chunked = false;
            boolean closeAfter = statusLine.startsWith("HTTP/1.0");
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("retry-after")) {
                    try {
                        retryAfter = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        retryAfter = 1;
                    }
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    String v = value.toLowerCase(Locale.ROOT);
                    closeAfter = v.contains("close") ? true : v.contains("keep-alive") ? false : closeAfter;
                }
            }
            if (line == null) {
                throw new EOFException("connection closed in the response headers");
            }
            bodyLength = 0;
            if (chunked) {
                while (true) {
                    String size = readLine();
                    if (size == null) {
                        throw new EOFException("connection closed in a chunked body");
                    }
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                    if (n == 0) {
                        while ((line = readLine()) != null && !line.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    readBody(n);
                    readLine();
                }
            } else if (contentLength >= 0) {
                readBody((int) contentLength);
            } else if (code != 204 && code != 304 && code >= 200) {
                // no length: the body runs to the end of the connection
                while (fill()) {
                    readBody(lim - pos);
                }
                closeAfter = true;
            }
            if (closeAfter) {
                close();
            }
            return code;
        }

        void readBody(int n) throws IOException {
            if (body.length < bodyLength + n) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
            }
            while (n > 0) {
                if (pos == lim && !fill()) {
                    throw new EOFException("connection closed in the body");
                }
                int k = Math.min(n, lim - pos);
                System.arraycopy(buf, pos, body, bodyLength, k);
                bodyLength += k;
                pos += k;
                n -= k;
            }
        }

        boolean fill() throws IOException {
            if (pos < lim) {
                return true;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        /** A CRLF-terminated line without its CRLF; null at the end of the stream. */
        String readLine() throws IOException {
            StringBuilder sb = null;
            while (true) {
                if (pos == lim && !fill()) {
                    return sb == null ? null : sb.toString();
                }
                for (int i = pos; i < lim; i++) {
                    if (buf[i] == '\n') {
                        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                        String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                        pos = i + 1;
                        if (sb == null) {
                            return part;
                        }
                        sb.append(part);
                        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
                            sb.setLength(sb.length() - 1);
                        }
                        return sb.toString();
                    }
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
                pos = lim;
            }
        }

        @Override
        public String lastBody() {
            return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
        }

        @Override
        public long lastRetryAfter() {
            return retryAfter;
        }

        @Override
        public boolean lastBodyContains(byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= bodyLength; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (body[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** java.net.http.HttpClient, synchronous send per thread (one client shared by all threads). */
    static final class JdkClient implements Client {
        static volatile HttpClient shared;
        final URI uri;
        byte[] last = new byte[0];
        long retryAfter = -1;

        JdkClient(String host, int port, String path) {
            this.uri = URI.create("http://" + host + ":" + port + path);
            if (shared == null) {
                synchronized (JdkClient.class) {
                    if (shared == null) {
                        shared = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(5)).build();
                    }
                }
            }
        }

        @Override
        public int post(byte[] payload, String signature) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("X-Signature-256", "sha256=" + signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
            HttpResponse<byte[]> response = shared.send(request, HttpResponse.BodyHandlers.ofByteArray());
            last = response.body();
            retryAfter = response.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    return 1L;
                }
            }).orElse(-1L);
            return response.statusCode();
        }

        @Override
        public String lastBody() {
            return new String(last, StandardCharsets.UTF_8);
        }

        @Override
        public boolean lastBodyContains(byte[] needle) {
            return lastBody().contains(new String(needle, StandardCharsets.US_ASCII));
        }

        @Override
        public long lastRetryAfter() {
            return retryAfter;
        }

        @Override
        public void close() {
        }
    }

    /** Closed loop: one request in flight per thread, each a fresh signed lead. */
    static final class Load {
        final Options o;
        final Events events;
        final String eventPrefix;
        final String host = "127.0.0.1";
        final int port;
        final String path;
        final List<Thread> threads = new ArrayList<>();
        final List<LoadStats> stats = new ArrayList<>();
        final AtomicLongArray acksPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
        final AtomicLongArray failuresPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
        final LongAdder acks = new LongAdder();
        final LongAdder failures = new LongAdder();
        volatile boolean stop;
        volatile long timelineStart;
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;

        Load(Options o, Events events, String eventPrefix, int port, String path) {
            this.o = o;
            this.events = events;
            this.eventPrefix = eventPrefix;
            this.port = port;
            this.path = path;
        }

        void start() {
            timelineStart = nowMicros();
            for (int t = 0; t < o.concurrency; t++) {
                LoadStats s = new LoadStats();
                stats.add(s);
                // connections spread over source addresses 127.0.0.2 … : senders are several vendors, and Ponte
                // limits webhooks per source IP
                String sourceIp = o.sourceIps > 0 && o.client.equals("socket") ? "127.0.0." + (2 + t % o.sourceIps)
                        : null;
                Thread thread = new Thread(() -> loop(s, sourceIp), "load-" + t);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
        }

        void stopAndJoin() throws InterruptedException {
            stop = true;
            for (Thread t : threads) {
                t.join(70_000);
            }
        }

        void loop(LoadStats s, String sourceIp) {
            Mac mac;
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            java.util.HexFormat hex = java.util.HexFormat.of();
            byte[] ignoredMarker = "\"ignored\"".getBytes(StandardCharsets.US_ASCII);
            try (Client client = o.client.equals("httpclient") ? new JdkClient(host, port, path)
                    : new SocketClient(host, port, path, sourceIp)) {
                while (!stop) {
                    long n = events.next.getAndIncrement();
                    int contact = (int) (n % o.contacts);
                    long sentAt = nowMicros();
                    String json = "{\"event_id\":\"" + eventPrefix + n + "\",\"name\":\"Bench " + n
                            + "\",\"phone\":\"+55119" + (10_000_000 + contact) + "\",\"sent_at\":" + sentAt + "}";
                    byte[] payload = json.getBytes(StandardCharsets.US_ASCII);
                    String signature = hex.formatHex(mac.doFinal(payload));
                    Events.Chunk chunk = events.chunk(n);
                    int i = (int) (n & Events.MASK);
                    chunk.sentAt[i] = sentAt;
                    long t0 = System.nanoTime();
                    int code;
                    String error = null;
                    try {
                        code = client.post(payload, signature);
                    } catch (IOException | RuntimeException e) {
                        code = -1;
                        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long latency = (System.nanoTime() - t0) / 1_000;
                    long done = nowMicros();
                    chunk.status[i] = code;
                    s.requests++;
                    boolean inWindow = done >= windowStart && done < windowEnd;
                    long second = (done - timelineStart) / 1_000_000;
                    if (code == 202) {
                        s.accepted++;
                        acks.increment();
                        if (second >= 0 && second < TIMELINE_SECONDS) {
                            acksPerSecond.incrementAndGet((int) second);
                        }
                        if (client.lastBodyContains(ignoredMarker)) {
                            s.ignored++;
                        }
                        UUID ponteId = ponteEventId(client.lastBody());
                        if (ponteId != null) {
                            chunk.ponteIdHi[i] = ponteId.getMostSignificantBits();
                            chunk.ponteIdLo[i] = ponteId.getLeastSignificantBits();
                        }
                        if (inWindow) {
                            s.acceptedWindow++;
                            s.latency(latency);
                        }
                    } else {
                        failures.increment();
                        if (second >= 0 && second < TIMELINE_SECONDS) {
                            failuresPerSecond.incrementAndGet((int) second);
                        }
                        if (code > 0) {
                            s.non202++;
                            s.codes.merge(code, 1L, Long::sum);
                            s.samples.putIfAbsent(code, truncate(client.lastBody(), 300));
                            if (inWindow) {
                                s.non202Window++;
                            }
                            long retryAfter = client.lastRetryAfter();
                            if (code == 429 || code == 503) {
                                // a well-behaved sender: honour Retry-After (at most 5 s), else wait a little
                                sleep(retryAfter > 0 ? Math.min(retryAfter, 5) * 1000 : 100);
                            }
                        } else {
                            s.errors++;
                            s.errorKinds.merge(truncate(error, 160), 1L, Long::sum);
                            if (inWindow) {
                                s.errorsWindow++;
                            }
                            sleep(20); // do not spin when the target is gone
                        }
                    }
                }
            }
        }
    }

    static UUID ponteEventId(String body) {
        int key = body.indexOf("\"event_id\"");
        if (key < 0) {
            return null;
        }
        int open = body.indexOf('"', body.indexOf(':', key + 10) + 1);
        int close = open < 0 ? -1 : body.indexOf('"', open + 1);
        try {
            return close < 0 ? null : UUID.fromString(body.substring(open + 1, close));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ───────────────────────────────────────────── /proc ─────────────────────────────────────────────

    static final long CLOCK_TICKS = 100; // USER_HZ on every Linux build we care about

    /** utime+stime (+cutime+cstime when children is true) of a process, in ticks; -1 when gone. */
    static long cpuTicks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); utime is field 14 → f[11]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A field of /proc/<pid>/status in kB (VmRSS, VmHWM), -1 when unreadable. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not readable
        }
        return -1;
    }

    /** Alive and not a zombie (an orphaned postmaster stays a zombie until init reaps it). */
    static boolean running(long pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String comm(long pid) {
        try {
            return Files.readString(Paths.get("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** [total, idle] jiffies of the whole machine. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    // ───────────────────────────────────────────── the benchmark ─────────────────────────────────────────────

    final Options o;
    final Path root = Paths.get("").toAbsolutePath();
    final String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC)
            .format(Instant.now());
    final String eventPrefix = "b" + Long.toString(System.currentTimeMillis(), 36) + "-";
    final Events events = new Events();
    Sink sink;
    Process ponte;
    long pontePid;
    Path workDir;
    boolean ownWorkDir;
    Path dataDir;
    Path logFile;
    int pontePort;
    volatile long postmasterPid = -1;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    // sampled
    volatile long ponteRssPeakKb;
    volatile long pgRssPeakKb;
    volatile long pgPssPeakKb;
    volatile int pgProcessesPeak;
    volatile boolean sampling = true;
    double busyBeforeStart = Double.NaN;
    long logOffsetHealthy;
    final Map<String, Object> marks = new LinkedHashMap<>();
    long markBase;
    List<String> ponteCommand;
    int apiRateLimited;
    Path pgData;     // --durable-postgres: the server the harness runs itself
    Path pgBin;

    Bench(Options o) {
        this.o = o;
    }

    @SuppressWarnings("unchecked")
    void run() throws Exception {
        Path jar = root.resolve(o.jar);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q -DskipTests package "
                    + "(bench/run.sh does)");
        }
        if (!Files.isDirectory(root.resolve("routes"))) {
            throw new IllegalStateException("run from the project root (no routes/ in " + root + ")");
        }
        Files.createDirectories(o.resultsDir);
        if (o.workDir == null) {
            workDir = Files.createTempDirectory("ponte-bench");
            ownWorkDir = true;
        } else {
            workDir = o.workDir.toAbsolutePath();
            Files.createDirectories(workDir);
        }
        dataDir = workDir.resolve("data");
        logFile = o.resultsDir.resolve(stamp + "-ponte.log").toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopPonteQuietly, "bench-shutdown"));

        int cores = Runtime.getRuntime().availableProcessors();
        busyBeforeStart = othersBusy(1000);
        long quietDeadline = System.nanoTime() + o.waitQuiet * 1_000_000_000L;
        long lastSaid = 0;
        while (busyBeforeStart > 15 && System.nanoTime() < quietDeadline) {
            if (System.nanoTime() - lastSaid > 60_000_000_000L) {
                say("machine busy (%.0f%% of one core used by other processes); waiting up to %d s for it to be "
                        + "quiet …", busyBeforeStart, o.waitQuiet);
                lastSaid = System.nanoTime();
            }
            Thread.sleep(2_000);
            busyBeforeStart = othersBusy(2000);
        }
        if (busyBeforeStart > 15) {
            say("WARNING: other processes are using %.0f%% of one core: the results will not be those of a quiet "
                    + "machine (see --wait-quiet)", busyBeforeStart);
        }
        say("Ponte benchmark %s: %d cores, Java %s, client=%s, concurrency=%d, warm-up %d s, measured %d s",
                stamp, cores, System.getProperty("java.version"), o.client, o.concurrency, o.warmup, o.duration);

        sink = new Sink(events, eventPrefix, o.sinkThreads);
        say("sink (the CRM) listening on 127.0.0.1:%d", sink.port());

        // ── start Ponte, time it to a healthy /health
        pontePort = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + o.xmx));
        cmd.addAll(o.ponteJvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + pontePort,
                "--ponte.data-dir=" + dataDir,
                "--ponte.systems.site.webhook-secret=" + SECRET,
                "--ponte.systems.crm.base-url=http://127.0.0.1:" + sink.port(),
                "--ponte.api-keys[0]=" + API_KEY,
                "--logging.level.root=WARN",
                // Tomcat's scratch directory inside the temporary directory too, or every run leaves an empty
                // tomcat.<port>.* in /tmp
                "--server.tomcat.basedir=" + workDir.resolve("tomcat")));
        if (o.durablePostgres) {
            cmd.addAll(startDurablePostgres());
        }
        if (o.intakeOnly) {
            cmd.add("--ponte.systems.crm.webhook-secret=" + SECRET);
        }
        cmd.addAll(o.ponteArgs);
        say("starting Ponte on port %d (log: %s)", pontePort, root.relativize(logFile));
        long launched = System.nanoTime();
        ponteCommand = cmd;
        ponte = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        pontePid = ponte.pid();
        Files.writeString(workDir.resolve("ponte.pid"), Long.toString(pontePid));
        double startSeconds = waitHealthy(launched);
        logOffsetHealthy = Files.size(logFile);
        say("Ponte healthy after %.2f s (pid %d)", startSeconds, pontePid);
        if (pgData == null) {
            postmasterPid = readPostmasterPid(dataDir.resolve("postgres"));
        }
        Thread sampler = new Thread(this::sample, "sampler");
        sampler.setDaemon(true);
        sampler.start();

        // ── load: warm-up, then the measured window
        Load load = new Load(o, events, eventPrefix, pontePort,
                o.intakeOnly ? "/webhooks/crm/client-registered" : "/webhooks/site/lead");
        sink.timelineStart = nowMicros();
        load.start();
        say("warming up %d s …", o.warmup);
        long loadStart = load.timelineStart;
        markBase = loadStart;
        sink.timelineStart = loadStart;
        progressUntil(load, loadStart, loadStart + o.warmup * 1_000_000L);
        long windowStart = nowMicros();
        mark("window_start");
        long windowEnd = windowStart + o.duration * 1_000_000L;
        load.windowStart = windowStart;
        load.windowEnd = windowEnd;
        sink.windowStart = windowStart;
        sink.windowEnd = windowEnd;
        CpuSnapshot cpu0 = cpuSnapshot(load);
        say("measuring %d s …", o.duration);
        progressUntil(load, loadStart, windowEnd);
        CpuSnapshot cpu1 = cpuSnapshot(load);
        load.stopAndJoin();
        mark("load_stopped");
        long loadEnd = nowMicros();
        String statusAtEnd = getApi("/status");

        // ── merge the load statistics
        LoadStats all = merge(load.stats);
        long generated = events.next.get();

        // ── drain: every accepted event must reach the sink
        say("load stopped; waiting up to %d s for every accepted event to reach the sink …", o.drain);
        long drainStart = System.nanoTime();
        long[] counts = deliveryCounts(generated);
        long lastReport = System.nanoTime();
        while (!o.intakeOnly && counts[1] < counts[0]
                && System.nanoTime() - drainStart < o.drain * 1_000_000_000L) {
            if (!ponte.isAlive()) {
                break;
            }
            Thread.sleep(200);
            counts = deliveryCounts(generated);
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                say("  … %,d of %,d accepted events delivered", counts[1], counts[0]);
                lastReport = System.nanoTime();
            }
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        boolean drained = counts[1] >= counts[0];
        if (o.intakeOnly) {
            // nothing is delivered
        } else if (drained) {
            say("all %,d accepted events delivered (drain %.1f s)", counts[0], drainSeconds);
        } else {
            say("%,d of %,d accepted events delivered after %.1f s", counts[1], counts[0], drainSeconds);
        }
        // Ponte's records of what it did (event DONE, delivery SENT) are written behind the sends, by its journal:
        // how far behind is the database once the sink has everything?
        long caughtUpStart = System.nanoTime();
        String stats = getApi("/api/events/stats");
        String statsAtDrain = stats;
        while (!o.restartCheck && unfinished(stats) > 0 && System.nanoTime() - caughtUpStart < 120_000_000_000L
                && ponte.isAlive()) {
            Thread.sleep(500); // the operations API allows 60 requests a minute per key
            stats = getApi("/api/events/stats");
        }
        double dbCatchUp = unfinished(stats) == 0 ? (System.nanoTime() - caughtUpStart) / 1e9 : Double.NaN;
        if (unfinished(statsAtDrain) > 0 && o.restartCheck) {
            say("%d events not yet DONE in /api/events/stats when the sink had them all (restart check: not waiting)",
                    unfinished(statsAtDrain));
        } else if (unfinished(statsAtDrain) > 0) {
            say("the database recorded the last deliveries %.1f s after the sink had them (%d events not yet DONE "
                    + "in /api/events/stats when the drain ended)", dbCatchUp, unfinished(statsAtDrain));
        }
        Thread.sleep(300); // let a late duplicate, if any, arrive before counting
        String dlqStats = getApi("/api/dlq/stats");
        List<Object> duplicateRecords = duplicateRecords();
        String statusAfter = getApi("/status");

        // ── memory, then stop Ponte with SIGTERM
        long ponteHwmKb = statusKb(pontePid, "VmHWM");
        long ponteRssKb = statusKb(pontePid, "VmRSS");
        PgMemory pgNow = pgMemory();
        sampling = false;
        double shutdownSeconds = stopPonte();
        boolean pgGone = pgData != null || !pgNeededSigint && !running(postmasterPid);
        Map<String, Object> restart = o.restartCheck ? restartCheck() : null;
        stopDurablePostgres();
        sink.stop();

        // ── the report
        Map<String, Object> r = report(all, generated, counts, startSeconds, cpu0, cpu1, load, windowStart,
                windowEnd, loadStart, loadEnd, drained, drainSeconds, stats, dlqStats, statusAtEnd, statusAfter,
                ponteHwmKb, ponteRssKb, pgNow, shutdownSeconds, pgGone);
        Map<String, Object> db = (Map<String, Object>) r.get("database");
        db.put("events_stats_when_sink_had_all", new Json.Raw(statsAtDrain));
        db.put("unfinished_when_sink_had_all", unfinished(statsAtDrain));
        db.put("caught_up_after_s", round(dbCatchUp, 2));
        db.put("records_of_duplicated_events", duplicateRecords);
        db.put("api_rate_limited_answers", apiRateLimited);
        if (restart != null) {
            r.put("restart_check", restart);
        }
        Path json = o.resultsDir.resolve(stamp + ".json");
        Files.writeString(json, Json.write(r) + "\n");
        System.out.println();
        System.out.print(text(r));
        System.out.println("JSON: " + root.relativize(json.toAbsolutePath()) + "   Ponte log: "
                + root.relativize(logFile));
        if (ownWorkDir) {
            deleteTree(workDir);
        }
    }

    /**
     * Ponte was stopped gracefully with everything delivered: started again on the same data, it should send
     * nothing. Counts what reaches the sink until it has been quiet for 15 s (at most 180 s).
     */
    Map<String, Object> restartCheck() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        long requestsBefore = sink.leadRequests.sum();
        long repeatsBefore = sink.duplicateEventDeliveries.sum();
        Path restartLog = o.resultsDir.resolve(stamp + "-ponte-restart.log").toAbsolutePath();
        say("restart check: starting Ponte again on the same data (log: %s)", root.relativize(restartLog));
        mark("restart_launched");
        long launched = System.nanoTime();
        ponte = new ProcessBuilder(ponteCommand).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(restartLog.toFile()).start();
        pontePid = ponte.pid();
        Files.writeString(workDir.resolve("ponte.pid"), Long.toString(pontePid));
        double started = waitHealthy(launched);
        mark("restart_healthy");
        if (pgData == null) {
            postmasterPid = readPostmasterPid(dataDir.resolve("postgres"));
        }
        long last = sink.leadRequests.sum();
        long quietSince = System.nanoTime();
        long begin = System.nanoTime();
        while (System.nanoTime() - quietSince < 15_000_000_000L && System.nanoTime() - begin < 180_000_000_000L) {
            Thread.sleep(500);
            long now = sink.leadRequests.sum();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        String stats = getApi("/api/events/stats");
        double stop = stopPonte();
        long again = sink.leadRequests.sum() - requestsBefore;
        m.put("start_to_healthy_s", round(started, 2));
        m.put("requests_at_the_sink_after_restart", again);
        m.put("of_which_repeats_of_delivered_events", sink.duplicateEventDeliveries.sum() - repeatsBefore);
        m.put("events_stats_after_restart", new Json.Raw(stats));
        m.put("shutdown_s", round(stop, 2));
        say("restart check: %,d requests reached the sink after the restart (%,d of them repeats)", again,
                sink.duplicateEventDeliveries.sum() - repeatsBefore);
        return m;
    }

    void progressUntil(Load load, long loadStart, long until) throws InterruptedException {
        long next = nowMicros() + 5_000_000L;
        long acks = load.acks.sum();
        long deliveries = sink.leadRequests.sum();
        long fails = load.failures.sum();
        long last = nowMicros();
        while (true) {
            long now = nowMicros();
            if (now >= until) {
                return;
            }
            if (!ponte.isAlive()) {
                throw new IllegalStateException("Ponte exited during the load (exit " + ponte.exitValue()
                        + "); see " + logFile);
            }
            if (now >= next) {
                long a = load.acks.sum();
                long d = sink.leadRequests.sum();
                long f = load.failures.sum();
                double s = (now - last) / 1e6;
                say("  t=%3.0fs  acks %,7.0f/s  deliveries %,7.0f/s  non-202/errors %,d  Ponte RSS %d MB  PG RSS %d MB",
                        (now - loadStart) / 1e6, (a - acks) / s, (d - deliveries) / s, f - fails,
                        statusKb(pontePid, "VmRSS") / 1024, pgMemory().rssKb / 1024);
                acks = a;
                deliveries = d;
                fails = f;
                last = now;
                next += 5_000_000L;
            }
            Thread.sleep(Math.max(1, Math.min((until - now) / 1000, 100)));
        }
    }

    /** [accepted (202) events, of which delivered at least once]. */
    long[] deliveryCounts(long generated) {
        long accepted = 0;
        long delivered = 0;
        for (long n = 0; n < generated; n++) {
            Events.Chunk c = events.existing(n);
            int i = (int) (n & Events.MASK);
            if (c != null && c.status[i] == 202) {
                accepted++;
                if (c.deliveries.get(i) > 0) {
                    delivered++;
                }
            }
        }
        return new long[] {accepted, delivered};
    }

    double waitHealthy(long launched) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pontePort + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = launched + o.healthTimeout * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!ponte.isAlive()) {
                throw new IllegalStateException("Ponte exited during start-up (exit " + ponte.exitValue() + "):\n"
                        + tail(logFile, 40));
            }
            try {
                HttpResponse<Void> r = http.send(health, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - launched) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Ponte was not healthy after " + o.healthTimeout + " s:\n"
                + tail(logFile, 40));
    }

    /** GET on the operations API; honours its rate limit (429 + Retry-After) a few times. */
    String getApi(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pontePort + path))
                    .timeout(Duration.ofSeconds(30)).header("X-API-Key", API_KEY).GET().build();
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 429 && attempt < 5) {
                    long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    apiRateLimited++;
                    Thread.sleep(Math.min(wait, 10) * 1000);
                    continue;
                }
                return r.statusCode() == 200 ? r.body()
                        : Json.quote("HTTP " + r.statusCode() + ": " + truncate(r.body(), 300));
            }
        } catch (Exception e) {
            return Json.quote("unavailable: " + e);
        }
    }

    static long readPostmasterPid(Path pgDataDir) {
        Path pidFile = pgDataDir.resolve("postmaster.pid");
        try {
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    record PgMemory(long rssKb, long pssKb, int processes) {}

    /** The embedded PostgreSQL: the postmaster (from its pid file) and every postgres process under it or Ponte. */
    PgMemory pgMemory() {
        Set<Long> pids = new java.util.TreeSet<>();
        if (postmasterPid > 0) {
            ProcessHandle.of(postmasterPid).ifPresent(p -> {
                pids.add(p.pid());
                p.descendants().forEach(d -> pids.add(d.pid()));
            });
        }
        ProcessHandle.of(pontePid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        long rss = 0;
        long pss = 0;
        int count = 0;
        for (long pid : pids) {
            if (!comm(pid).startsWith("postgres")) {
                continue;
            }
            long r = statusKb(pid, "VmRSS");
            if (r < 0) {
                continue;
            }
            rss += r;
            long p = pssKb(pid);
            pss += Math.max(p, 0);
            count++;
        }
        return new PgMemory(rss, pss, count);
    }

    long pgCpuTicks() {
        long ticks = 0;
        Set<Long> pids = new java.util.TreeSet<>();
        if (postmasterPid > 0) {
            ProcessHandle.of(postmasterPid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
            ticks += Math.max(0, cpuTicks(postmasterPid, true)); // includes reaped backends and workers
        }
        for (long pid : pids) {
            if (comm(pid).startsWith("postgres")) {
                ticks += Math.max(0, cpuTicks(pid, false));
            }
        }
        return ticks;
    }

    void sample() {
        while (sampling) {
            long rss = statusKb(pontePid, "VmRSS");
            if (rss > ponteRssPeakKb) {
                ponteRssPeakKb = rss;
            }
            PgMemory pg = pgMemory();
            if (pg.rssKb > pgRssPeakKb) {
                pgRssPeakKb = pg.rssKb;
            }
            if (pg.pssKb > pgPssPeakKb) {
                pgPssPeakKb = pg.pssKb;
            }
            if (pg.processes > pgProcessesPeak) {
                pgProcessesPeak = pg.processes;
            }
            sleep(500);
        }
    }

    record CpuSnapshot(long micros, long ponte, long pg, long self, long loadThreadsNs, long[] machine) {}

    CpuSnapshot cpuSnapshot(Load load) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long loadNs = 0;
        for (Thread t : load.threads) {
            long ns = mx.getThreadCpuTime(t.getId());
            loadNs += Math.max(ns, 0);
        }
        return new CpuSnapshot(nowMicros(), cpuTicks(pontePid, false), pgCpuTicks(),
                cpuTicks(ProcessHandle.current().pid(), false), loadNs, machineTicks());
    }

    volatile double pgOutlivedPonteSeconds = Double.NaN;
    volatile boolean pgNeededSigint;

    void mark(String name) {
        if (markBase > 0) {
            marks.put(name, round((nowMicros() - markBase) / 1e6, 1));
        }
    }

    double stopPonte() {
        if (ponte == null || !ponte.isAlive()) {
            return 0;
        }
        mark(marks.containsKey("sigterm") ? "sigterm_after_restart" : "sigterm");
        long t0 = System.nanoTime();
        ponte.destroy(); // SIGTERM: Spring closes Camel, the writers, then the embedded PostgreSQL
        try {
            if (!ponte.waitFor(60, TimeUnit.SECONDS)) {
                say("Ponte did not stop within 60 s of SIGTERM; killing it");
                ponte.destroyForcibly();
                ponte.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long exited = System.nanoTime();
        mark(marks.containsKey("ponte_exited") ? "ponte_exited_after_restart" : "ponte_exited");
        double seconds = (exited - t0) / 1e9;
        if (postmasterPid > 0 && pgData == null) {
            // Ponte stops its PostgreSQL as it shuts down; give a postmaster that is still finishing 15 s
            while (running(postmasterPid) && System.nanoTime() - exited < 15_000_000_000L) {
                sleep(20);
            }
            pgOutlivedPonteSeconds = (System.nanoTime() - exited) / 1e9;
            // one left behind (Ponte killed, or not stopping it) is stopped the way Ponte itself would: SIGINT
            if (running(postmasterPid) && comm(postmasterPid).startsWith("postgres")) {
                pgNeededSigint = true;
                say("PostgreSQL (pid %d) still running 15 s after Ponte exited; sending SIGINT", postmasterPid);
                try {
                    new ProcessBuilder("kill", "-INT", Long.toString(postmasterPid)).start().waitFor();
                    long t = System.nanoTime();
                    while (running(postmasterPid) && System.nanoTime() - t < 30_000_000_000L) {
                        sleep(50);
                    }
                } catch (Exception ignored) {
                    // run.sh checks again
                }
            }
        }
        return seconds;
    }

    void stopPonteQuietly() {
        try {
            stopPonte();
        } catch (RuntimeException ignored) {
            // exiting anyway
        }
        stopDurablePostgres();
    }

    /**
     * --durable-postgres: initdb and start the PostgreSQL binaries the embedded database uses (zonky unpacks them
     * under java.io.tmpdir/embedded-pg), with fsync and synchronous_commit on, the settings an external production
     * PostgreSQL has. Returns the arguments that point Ponte at it.
     */
    List<String> startDurablePostgres() throws Exception {
        Path cache = Paths.get(System.getProperty("java.io.tmpdir"), "embedded-pg");
        try (var dirs = Files.list(cache)) {
            pgBin = dirs.map(d -> d.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            pgBin = null;
        }
        if (pgBin == null) {
            throw new IllegalStateException("no PostgreSQL binaries under " + cache + ": run the benchmark once "
                    + "without --durable-postgres (Ponte's embedded database unpacks them there)");
        }
        pgData = workDir.resolve("pgdata");
        Path pgLog = o.resultsDir.resolve(stamp + "-postgres.log").toAbsolutePath();
        exec(List.of(pgBin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", pgData.toString(),
                "-E", "UTF-8"), workDir.resolve("initdb.log"));
        int port = freePort();
        exec(List.of(pgBin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-l", pgLog.toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c max_connections=100"
                        + " -c fsync=on -c synchronous_commit=on -c timezone=UTC", "start"),
                workDir.resolve("pg_ctl.log"));
        postmasterPid = readPostmasterPid(pgData);
        say("durable PostgreSQL (fsync=on, synchronous_commit=on) on port %d, pid %d", port, postmasterPid);
        return List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }

    void stopDurablePostgres() {
        if (pgData == null || !running(postmasterPid)) {
            return;
        }
        try {
            exec(List.of(pgBin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-m", "fast", "-w", "-t", "30",
                    "stop"), workDir.resolve("pg_ctl.log"));
        } catch (Exception e) {
            say("could not stop PostgreSQL: %s", e.getMessage());
        }
    }

    /** PostgreSQL refuses to run as root; as root, run it in a user namespace (as zonky does), where it is not. */
    static void exec(List<String> command, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(command);
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(0, List.of("unshare", "-U"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + tail(log, 20));
        }
    }

    /** CPU in use on the whole machine over the next {@code ms}, in percent of one core. */
    static double machineBusy(long ms) throws InterruptedException {
        long[] a = machineTicks();
        Thread.sleep(ms);
        long[] b = machineTicks();
        long total = b[0] - a[0];
        return total <= 0 ? Double.NaN
                : 100.0 * Runtime.getRuntime().availableProcessors() * (total - (b[1] - a[1])) / total;
    }

    /** Like {@link #machineBusy} but without this process's own CPU. */
    static double othersBusy(long ms) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        long s0 = cpuTicks(self, false);
        long[] a = machineTicks();
        Thread.sleep(ms);
        long[] b = machineTicks();
        long s1 = cpuTicks(self, false);
        long total = b[0] - a[0];
        int cores = Runtime.getRuntime().availableProcessors();
        double busy = total <= 0 ? Double.NaN : 100.0 * cores * (total - (b[1] - a[1])) / total;
        return Math.max(0, busy - (s1 - s0) * 100.0 / CLOCK_TICKS / (ms / 1000.0));
    }

    // ───────────────────────────────────────────── report ─────────────────────────────────────────────

    static LoadStats merge(List<LoadStats> list) {
        LoadStats all = new LoadStats();
        for (LoadStats s : list) {
            for (int i = 0; i < s.latencyCount; i++) {
                all.latency(s.latencies[i]);
            }
            all.accepted += s.accepted;
            all.acceptedWindow += s.acceptedWindow;
            all.ignored += s.ignored;
            all.non202 += s.non202;
            all.non202Window += s.non202Window;
            all.errors += s.errors;
            all.errorsWindow += s.errorsWindow;
            all.requests += s.requests;
            s.codes.forEach((k, v) -> all.codes.merge(k, v, Long::sum));
            s.errorKinds.forEach((k, v) -> all.errorKinds.merge(k, v, Long::sum));
            s.samples.forEach(all.samples::putIfAbsent);
        }
        Arrays.sort(all.latencies, 0, all.latencyCount);
        return all;
    }

    static double pct(long[] sorted, int count, double p) {
        if (count == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))];
    }

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** A whole number for the report (null when not a number). */
    static Long whole(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v);
    }

    Map<String, Object> report(LoadStats all, long generated, long[] counts, double startSeconds, CpuSnapshot c0,
            CpuSnapshot c1, Load load, long windowStart, long windowEnd, long loadStart, long loadEnd,
            boolean drained, double drainSeconds, String stats, String dlqStats, String statusAtEnd,
            String statusAfter, long ponteHwmKb, long ponteRssKb, PgMemory pgNow, double shutdownSeconds,
            boolean pgGone) {
        double window = (windowEnd - windowStart) / 1e6;

        // end-to-end latency of the events sent inside the window; undelivered events are counted apart
        long[] e2e = new long[1 << 16];
        int e2eCount = 0;
        long sentInWindow = 0;
        long acceptedSentInWindow = 0;
        long undeliveredSentInWindow = 0;
        long deliveredNotAccepted = 0;
        long deliveredTwice = 0;
        long firstSend = Long.MAX_VALUE;
        long[] e2eAll = new long[1 << 16];
        int e2eAllCount = 0;
        for (long n = 0; n < generated; n++) {
            Events.Chunk c = events.existing(n);
            if (c == null) {
                continue;
            }
            int i = (int) (n & Events.MASK);
            long sent = c.sentAt[i];
            firstSend = Math.min(firstSend, sent);
            int deliveries = c.deliveries.get(i);
            if (deliveries > 1) {
                deliveredTwice++;
            }
            if (c.status[i] != 202 && deliveries > 0) {
                deliveredNotAccepted++;
            }
            if (c.status[i] == 202 && deliveries > 0) {
                if (e2eAllCount == e2eAll.length) {
                    e2eAll = Arrays.copyOf(e2eAll, e2eAll.length * 2);
                }
                e2eAll[e2eAllCount++] = c.firstDelivery.get(i) - sent;
            }
            if (sent >= windowStart && sent < windowEnd) {
                sentInWindow++;
                if (c.status[i] == 202) {
                    acceptedSentInWindow++;
                    if (deliveries > 0) {
                        if (e2eCount == e2e.length) {
                            e2e = Arrays.copyOf(e2e, e2e.length * 2);
                        }
                        e2e[e2eCount++] = c.firstDelivery.get(i) - sent;
                    } else {
                        undeliveredSentInWindow++;
                    }
                }
            }
        }
        Arrays.sort(e2e, 0, e2eCount);
        Arrays.sort(e2eAll, 0, e2eAllCount);
        long lastDelivery = sink.lastDelivery.get();
        double overallSpan = lastDelivery > firstSend ? (lastDelivery - firstSend) / 1e6 : Double.NaN;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timestamp", stamp);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("memory_mb", memTotalMb());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        r.put("machine", machine);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("client", o.client);
        config.put("concurrency", o.concurrency);
        config.put("source_ips", o.client.equals("socket") ? o.sourceIps : 0);
        config.put("intake_only", o.intakeOnly);
        config.put("warmup_s", o.warmup);
        config.put("duration_s", o.duration);
        config.put("contacts", o.contacts);
        config.put("ponte_xmx", o.xmx);
        config.put("ponte_extra_args", o.ponteArgs);
        config.put("ponte_extra_jvm_args", o.ponteJvmArgs);
        config.put("database", o.durablePostgres
                ? "external PostgreSQL run by the harness from the embedded binaries, fsync=on, synchronous_commit=on"
                : "Ponte's embedded PostgreSQL (fsync=on, synchronous_commit=on: ponte.embedded-database-fsync, "
                        + "default true, unless --ponte-arg sets it)");
        try {
            config.put("ponte_jar_built", Files.getLastModifiedTime(root.resolve(o.jar)).toInstant().toString());
            try (var flows = Files.list(root.resolve("routes"))) {
                config.put("flows_in_routes", flows.filter(f -> f.toString().endsWith(".camel.yaml")).count());
            }
        } catch (IOException ignored) {
            // not essential
        }
        config.put("ponte_git", git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "--", "src", "pom.xml",
                "routes", "application.yml").isBlank() ? "" : " (with uncommitted changes)"));
        r.put("config", config);

        r.put("start_to_healthy_s", round(startSeconds, 2));

        Map<String, Object> intake = new LinkedHashMap<>();
        intake.put("accepted_per_s", whole(all.acceptedWindow / window));
        intake.put("accepted_in_window", all.acceptedWindow);
        intake.put("window_s", round(window, 3));
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", round(pct(all.latencies, all.latencyCount, 50) / 1000, 2));
        lat.put("p90", round(pct(all.latencies, all.latencyCount, 90) / 1000, 2));
        lat.put("p99", round(pct(all.latencies, all.latencyCount, 99) / 1000, 2));
        lat.put("p999", round(pct(all.latencies, all.latencyCount, 99.9) / 1000, 2));
        lat.put("max", round(all.latencyCount == 0 ? Double.NaN : all.latencies[all.latencyCount - 1] / 1000.0, 2));
        intake.put("ack_latency_ms", lat);
        intake.put("non_202_in_window", all.non202Window);
        intake.put("errors_in_window", all.errorsWindow);
        intake.put("requests_total", all.requests);
        intake.put("accepted_total", all.accepted);
        intake.put("accepted_but_ignored", all.ignored);
        intake.put("non_202_total", all.non202);
        intake.put("non_202_by_status", stringKeys(all.codes));
        intake.put("non_202_samples", stringKeys(all.samples));
        intake.put("errors_total", all.errors);
        intake.put("errors_by_kind", all.errorKinds);
        r.put("intake", intake);

        Map<String, Object> e = new LinkedHashMap<>();
        e.put("deliveries_per_s_window", whole(sink.inWindow.sum() / window));
        e.put("deliveries_in_window", sink.inWindow.sum());
        e.put("deliveries_per_s_overall", whole(counts[1] / overallSpan));
        e.put("overall_span_s", round(overallSpan, 2));
        Map<String, Object> el = new LinkedHashMap<>();
        el.put("events", e2eCount);
        el.put("p50", round(pct(e2e, e2eCount, 50) / 1000, 1));
        el.put("p90", round(pct(e2e, e2eCount, 90) / 1000, 1));
        el.put("p99", round(pct(e2e, e2eCount, 99) / 1000, 1));
        el.put("max", round(e2eCount == 0 ? Double.NaN : e2e[e2eCount - 1] / 1000.0, 1));
        e.put("latency_ms_events_sent_in_window", el);
        Map<String, Object> ela = new LinkedHashMap<>();
        ela.put("events", e2eAllCount);
        ela.put("p50", round(pct(e2eAll, e2eAllCount, 50) / 1000, 1));
        ela.put("p99", round(pct(e2eAll, e2eAllCount, 99) / 1000, 1));
        ela.put("max", round(e2eAllCount == 0 ? Double.NaN : e2eAll[e2eAllCount - 1] / 1000.0, 1));
        e.put("latency_ms_all_events", ela);
        r.put("end_to_end", e);

        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("generated", generated);
        ev.put("accepted", counts[0]);
        ev.put("delivered", counts[1]);
        ev.put("undelivered", counts[0] - counts[1]);
        ev.put("drained", drained);
        ev.put("drain_s", round(drainSeconds, 1));
        ev.put("sent_in_window", sentInWindow);
        ev.put("accepted_sent_in_window", acceptedSentInWindow);
        ev.put("undelivered_sent_in_window", undeliveredSentInWindow);
        ev.put("sink_requests", sink.leadRequests.sum());
        ev.put("sink_distinct_events", sink.distinctDelivered.sum());
        ev.put("duplicate_deliveries", sink.duplicateEventDeliveries.sum());
        ev.put("events_delivered_more_than_once", deliveredTwice);
        ev.put("duplicate_delivery_ids", sink.duplicateDeliveryIds.sum());
        ev.put("missing_delivery_id", sink.missingDeliveryId.sum());
        ev.put("delivered_without_202", deliveredNotAccepted);
        ev.put("duplicates_detail", duplicatesDetail(loadStart));
        ev.put("sink_unknown_events", sink.unknownEvents.sum());
        ev.put("sink_unexpected_requests", sink.unexpected.sum());
        ev.put("sink_unexpected_samples", new ArrayList<>(sink.unexpectedSamples.keySet()));
        r.put("events", ev);

        Map<String, Object> db = new LinkedHashMap<>();
        db.put("status_at_load_end", new Json.Raw(statusAtEnd));
        db.put("events_stats", new Json.Raw(stats));
        db.put("dlq_stats", new Json.Raw(dlqStats));
        db.put("status_after_drain", new Json.Raw(statusAfter));
        r.put("database", db);

        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("ponte_peak_rss_mb", whole(ponteHwmKb / 1024.0));
        mem.put("ponte_rss_at_end_mb", whole(ponteRssKb / 1024.0));
        mem.put("postgres_rss_sum_peak_mb", whole(pgRssPeakKb / 1024.0));
        mem.put("postgres_pss_sum_peak_mb", whole(pgPssPeakKb / 1024.0));
        mem.put("postgres_rss_sum_at_end_mb", whole(pgNow.rssKb / 1024.0));
        mem.put("postgres_processes", pgProcessesPeak);
        r.put("memory", mem);

        Map<String, Object> cpu = new LinkedHashMap<>();
        double wall = (c1.micros - c0.micros) / 1e6;
        double toPct = 100.0 / CLOCK_TICKS / wall;
        cpu.put("window_s", round(wall, 2));
        cpu.put("ponte_pct", whole((c1.ponte - c0.ponte) * toPct));
        cpu.put("postgres_pct", whole((c1.pg - c0.pg) * toPct));
        double benchPct = (c1.self - c0.self) * toPct;
        double loadPct = (c1.loadThreadsNs - c0.loadThreadsNs) / 1e9 / wall * 100;
        cpu.put("bench_pct", whole(benchPct));
        cpu.put("bench_load_threads_pct", whole(loadPct));
        cpu.put("bench_sink_and_other_pct", whole(benchPct - loadPct));
        long total = c1.machine[0] - c0.machine[0];
        long idle = c1.machine[1] - c0.machine[1];
        int cores = Runtime.getRuntime().availableProcessors();
        double busy = total > 0 ? 100.0 * cores * (total - idle) / total : Double.NaN;
        cpu.put("machine_busy_pct", whole(busy));
        double ours = (c1.ponte - c0.ponte + c1.pg - c0.pg + c1.self - c0.self) * toPct;
        cpu.put("other_processes_pct", whole(Math.max(0, busy - ours)));
        cpu.put("machine_busy_before_start_pct", whole(busyBeforeStart));
        cpu.put("machine_capacity_pct", 100 * Runtime.getRuntime().availableProcessors());
        cpu.put("note", "percent of one core; 100 x cores is the whole machine; other = busy - Ponte - PostgreSQL - bench");
        r.put("cpu_in_window", cpu);

        r.put("shutdown_s", round(shutdownSeconds, 2));
        r.put("postgres_stopped_with_ponte", pgGone);
        r.put("postgres_exit_after_ponte_s", round(pgOutlivedPonteSeconds, 2));

        Map<String, Object> timeline = new LinkedHashMap<>();
        int seconds;
        List<Long> acks = new ArrayList<>();
        List<Long> deliveries = new ArrayList<>();
        List<Long> failures = new ArrayList<>();
        List<Long> repeats = new ArrayList<>();
        seconds = (int) Math.min(TIMELINE_SECONDS, Math.ceil((nowMicros() - loadStart) / 1e6));
        for (int s = 0; s < seconds; s++) {
            acks.add(load.acksPerSecond.get(s));
            deliveries.add(sink.perSecond.get(s));
            failures.add(load.failuresPerSecond.get(s));
            repeats.add(sink.duplicatesPerSecond.get(s));
        }
        timeline.put("note", "per second from the start of the load (warm-up included); marks_s: when each phase "
                + "began, in seconds on the same scale");
        timeline.put("acks", acks);
        timeline.put("deliveries", deliveries);
        timeline.put("non_202_or_errors", failures);
        timeline.put("repeated_deliveries", repeats);
        timeline.put("marks_s", marks);
        r.put("timeline", timeline);

        r.put("ponte_log", logSummary());
        r.put("targets", targets(r));
        return r;
    }

    /** When the repeated deliveries came and how long after the first one; Ponte's record of two of them. */
    Map<String, Object> duplicatesDetail(long loadStart) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<long[]> dups = new ArrayList<>(sink.duplicates);
        d.put("count", dups.size());
        if (dups.isEmpty()) {
            return d;
        }
        long[] gaps = dups.stream().mapToLong(x -> x[2]).sorted().toArray();
        d.put("seconds_after_first_delivery_min", round(gaps[0] / 1e6, 2));
        d.put("seconds_after_first_delivery_p50", round(pct(gaps, gaps.length, 50) / 1e6, 2));
        d.put("seconds_after_first_delivery_max", round(gaps[gaps.length - 1] / 1e6, 2));
        long[] at = dups.stream().mapToLong(x -> x[1]).sorted().toArray();
        d.put("first_at_s_from_load_start", round((at[0] - loadStart) / 1e6, 1));
        d.put("last_at_s_from_load_start", round((at[at.length - 1] - loadStart) / 1e6, 1));
        long[] sentAgo = dups.stream().mapToLong(x -> {
            Events.Chunk c = events.existing(x[0]);
            return c == null ? -1 : x[1] - c.sentAt[(int) (x[0] & Events.MASK)];
        }).sorted().toArray();
        d.put("seconds_after_the_webhook_min", round(sentAgo[0] / 1e6, 2));
        d.put("seconds_after_the_webhook_max", round(sentAgo[sentAgo.length - 1] / 1e6, 2));
        d.put("note", "details are read after the run from Ponte's own API (GET /api/events/{id}) while Ponte still runs");
        return d;
    }

    /** Ponte's full record (deliveries, attempts) of up to two events the sink received twice. */
    List<Object> duplicateRecords() {
        List<Object> out = new ArrayList<>();
        for (long[] x : sink.duplicates) {
            if (out.size() >= 2) {
                break;
            }
            Events.Chunk c = events.existing(x[0]);
            int i = (int) (x[0] & Events.MASK);
            if (c == null || c.ponteIdHi[i] == 0 && c.ponteIdLo[i] == 0) {
                continue;
            }
            UUID id = new UUID(c.ponteIdHi[i], c.ponteIdLo[i]);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event_id_sent", eventPrefix + x[0]);
            m.put("ponte_event_id", id.toString());
            m.put("record", new Json.Raw(getApi("/api/events/" + id)));
            out.add(m);
        }
        return out;
    }

    Map<String, Object> targets(Map<String, Object> r) {
        Map<String, Object> t = new LinkedHashMap<>();
        Map<?, ?> intake = (Map<?, ?>) r.get("intake");
        Map<?, ?> lat = (Map<?, ?>) intake.get("ack_latency_ms");
        Map<?, ?> e = (Map<?, ?>) r.get("end_to_end");
        Map<?, ?> mem = (Map<?, ?>) r.get("memory");
        t.put("acks_per_s_ge_5000", num(intake.get("accepted_per_s")) >= 5000);
        t.put("ack_p99_lt_50ms", num(lat.get("p99")) < 50);
        t.put("deliveries_per_s_ge_2000", num(e.get("deliveries_per_s_window")) >= 2000);
        t.put("start_to_healthy_le_8s", num(r.get("start_to_healthy_s")) <= 8);
        t.put("ponte_rss_lt_512mb", num(mem.get("ponte_peak_rss_mb")) < 512);
        return t;
    }

    /** Events RECEIVED or PROCESSING in an /api/events/stats answer; -1 when it cannot be read. */
    static long unfinished(String stats) {
        Matcher m = Pattern.compile("\"by_status\"\\s*:\\s*\\{([^}]*)\\}").matcher(stats);
        if (!m.find()) {
            return -1;
        }
        long n = 0;
        Matcher e = Pattern.compile("\"(RECEIVED|PROCESSING)\"\\s*:\\s*(\\d+)").matcher(m.group(1));
        while (e.find()) {
            n += Long.parseLong(e.group(2));
        }
        return n;
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    String text(Map<String, Object> r) {
        Map<?, ?> machine = (Map<?, ?>) r.get("machine");
        Map<?, ?> intake = (Map<?, ?>) r.get("intake");
        Map<?, ?> lat = (Map<?, ?>) intake.get("ack_latency_ms");
        Map<?, ?> e = (Map<?, ?>) r.get("end_to_end");
        Map<?, ?> el = (Map<?, ?>) e.get("latency_ms_events_sent_in_window");
        Map<?, ?> ela = (Map<?, ?>) e.get("latency_ms_all_events");
        Map<?, ?> ev = (Map<?, ?>) r.get("events");
        Map<?, ?> mem = (Map<?, ?>) r.get("memory");
        Map<?, ?> cpu = (Map<?, ?>) r.get("cpu_in_window");
        Map<?, ?> t = (Map<?, ?>) r.get("targets");
        Map<?, ?> log = (Map<?, ?>) r.get("ponte_log");
        Map<?, ?> db = (Map<?, ?>) r.get("database");
        StringBuilder sb = new StringBuilder();
        String line = "─".repeat(100) + "\n";
        sb.append(line);
        sb.append(String.format("Ponte benchmark %s — %s cores (%s), %s, load generator in the same machine%n",
                r.get("timestamp"), machine.get("cores"), machine.get("cpu"), "Java " + machine.get("java")));
        sb.append(String.format("client %s, concurrency %d from %s source IPs, warm-up %d s, measured window %.1f s, %d contacts%n",
                o.client, o.concurrency, ((Map<?, ?>) r.get("config")).get("source_ips"), o.warmup,
                num(intake.get("window_s")), o.contacts));
        sb.append("database: ").append(((Map<?, ?>) r.get("config")).get("database")).append('\n');
        sb.append(line);
        sb.append(String.format("%-34s %-50s %s%n", "start to healthy", r.get("start_to_healthy_s") + " s",
                mark(t.get("start_to_healthy_le_8s"), "≤ 8 s")));
        sb.append(String.format("%-34s %-50s %s%n", "durable acks (202) in window",
                String.format("%,.0f /s   (%,d)", num(intake.get("accepted_per_s")),
                        intake.get("accepted_in_window")),
                mark(t.get("acks_per_s_ge_5000"), "≥ 5,000/s")));
        sb.append(String.format("%-34s %-50s %s%n", "ack latency (ms)",
                String.format("p50 %s  p90 %s  p99 %s  max %s", lat.get("p50"), lat.get("p90"), lat.get("p99"),
                        lat.get("max")),
                mark(t.get("ack_p99_lt_50ms"), "p99 < 50 ms")));
        sb.append(String.format("%-34s %s non-202, %s errors in window   (whole run: %s non-202 %s, %s errors %s)%n",
                "non-202 / errors", intake.get("non_202_in_window"), intake.get("errors_in_window"),
                intake.get("non_202_total"), intake.get("non_202_by_status"), intake.get("errors_total"),
                intake.get("errors_by_kind")));
        if (o.intakeOnly) {
            sb.append("INTAKE ONLY (diagnostic): leads posted to /webhooks/crm/client-registered, stored as IGNORED; "
                    + "nothing is delivered\n");
        } else if (num(intake.get("accepted_but_ignored")) > 0) {
            sb.append(String.format("%-34s %s 202s said \"ignored\" (no flow subscribed)%n", "  WARNING",
                    intake.get("accepted_but_ignored")));
        }
        if (o.intakeOnly) {
            sb.append(String.format("%-34s n/a (intake only)%n", "end-to-end deliveries"));
        } else {
        sb.append(String.format("%-34s %-50s %s%n", "end-to-end deliveries into the sink",
                String.format("%,.0f /s in window, %,.0f /s overall", num(e.get("deliveries_per_s_window")),
                        num(e.get("deliveries_per_s_overall"))),
                mark(t.get("deliveries_per_s_ge_2000"), "≥ 2,000/s")));
        sb.append(String.format("%-34s p50 %s  p90 %s  p99 %s  max %s   (events sent in window; all events: p50 %s p99 %s)%n",
                "end-to-end latency (ms)", el.get("p50"), el.get("p90"), el.get("p99"), el.get("max"),
                ela.get("p50"), ela.get("p99")));
        }
        sb.append(String.format("%-34s accepted %,d  delivered %,d  undelivered %,d  (drain %s s)%n", "events",
                ev.get("accepted"), ev.get("delivered"), ev.get("undelivered"), ev.get("drain_s")));
        sb.append(String.format("%-34s %s repeated deliveries (%s events), %s reused delivery ids, %s without id, "
                        + "%s delivered without a 202, %s unknown%n", "  duplicates at the sink",
                ev.get("duplicate_deliveries"), ev.get("events_delivered_more_than_once"),
                ev.get("duplicate_delivery_ids"), ev.get("missing_delivery_id"), ev.get("delivered_without_202"),
                ev.get("sink_unknown_events")));
        Map<?, ?> dd = (Map<?, ?>) ev.get("duplicates_detail");
        if (num(dd.get("count")) > 0) {
            sb.append(String.format("%-34s %s s to %s s after the first delivery (median %s s); between second %s and "
                            + "%s of the run%n", "  the repeated deliveries came",
                    dd.get("seconds_after_first_delivery_min"), dd.get("seconds_after_first_delivery_max"),
                    dd.get("seconds_after_first_delivery_p50"), dd.get("first_at_s_from_load_start"),
                    dd.get("last_at_s_from_load_start")));
        }
        sb.append(String.format("%-34s %s%n", "Ponte's stats (after drain)", compact(db.get("events_stats"))));
        if (num(db.get("unfinished_when_sink_had_all")) > 0) {
            sb.append(String.format("%-34s %s events not yet DONE in the database when the sink had them all; "
                    + "caught up %s s later%n", "  journal lag", db.get("unfinished_when_sink_had_all"),
                    db.get("caught_up_after_s")));
        }
        sb.append(String.format("%-34s %-50s %s%n", "memory",
                String.format("Ponte JVM peak RSS %s MB; PostgreSQL %s MB RSS sum (%s MB PSS, %s procs)",
                        mem.get("ponte_peak_rss_mb"), mem.get("postgres_rss_sum_peak_mb"),
                        mem.get("postgres_pss_sum_peak_mb"), mem.get("postgres_processes")),
                mark(t.get("ponte_rss_lt_512mb"), "Ponte < 512 MB")));
        sb.append(String.format("%-34s Ponte %s%%, PostgreSQL %s%%, bench %s%% (load %s%%, sink+rest %s%%), other "
                        + "processes %s%%; machine busy %s%% of %s%%%n", "CPU in window (100% = one core)",
                cpu.get("ponte_pct"), cpu.get("postgres_pct"), cpu.get("bench_pct"), cpu.get("bench_load_threads_pct"),
                cpu.get("bench_sink_and_other_pct"), cpu.get("other_processes_pct"), cpu.get("machine_busy_pct"),
                cpu.get("machine_capacity_pct")));
        Object other = cpu.get("other_processes_pct");
        if (other instanceof Number n && n.doubleValue() > 15) {
            sb.append(String.format("%-34s other processes used %s%% CPU in the window (machine %.0f%% busy before the "
                    + "start): the figures are NOT those of a quiet machine%n", "  WARNING", other, busyBeforeStart));
        }
        if (pgData != null) {
            sb.append(String.format("%-34s %s s (PostgreSQL is the harness's, stopped by it)%n",
                    "shutdown (SIGTERM to exit)", r.get("shutdown_s")));
        } else {
            sb.append(String.format("%-34s %s s; PostgreSQL stopped by Ponte: %s (its postmaster exited %s s after "
                            + "Ponte)%n", "shutdown (SIGTERM to exit)", r.get("shutdown_s"),
                    r.get("postgres_stopped_with_ponte"), r.get("postgres_exit_after_ponte_s")));
        }
        Map<?, ?> restart = (Map<?, ?>) r.get("restart_check");
        if (restart != null) {
            sb.append(String.format("%-34s started again in %s s on the same data: %s requests reached the sink "
                            + "again (%s repeats of delivered events)%n", "restart check",
                    restart.get("start_to_healthy_s"), restart.get("requests_at_the_sink_after_restart"),
                    restart.get("of_which_repeats_of_delivered_events")));
        }
        Map<?, ?> startLog = (Map<?, ?>) log.get("start_up");
        Map<?, ?> runLog = (Map<?, ?>) log.get("after_healthy");
        if (runLog != null) {
            sb.append(String.format("%-34s start-up: %s ERROR, %s WARN lines; after healthy: %s ERROR, %s WARN lines%n",
                    "Ponte log", startLog.get("error_lines"), startLog.get("warn_lines"), runLog.get("error_lines"),
                    runLog.get("warn_lines")));
            @SuppressWarnings("unchecked")
            Map<String, Long> kinds = (Map<String, Long>) runLog.get("kinds");
            kinds.entrySet().stream().limit(8).forEach(k -> sb.append(String.format("    %6d × %s%n", k.getValue(),
                    truncate(k.getKey(), 200))));
        }
        sb.append(line);
        return sb.toString();
    }

    static String mark(Object ok, String target) {
        return (Boolean.TRUE.equals(ok) ? "OK    " : "MISSED") + " target " + target;
    }

    static String compact(Object raw) {
        String s = raw instanceof Json.Raw j ? j.json() : String.valueOf(raw);
        // by_status and deliveries_by_status are what matter here
        Matcher m = Pattern.compile("\"(by_status|deliveries_by_status)\":(\\{[^}]*\\})").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.group(1).equals("by_status") ? "events " : "deliveries ").append(m.group(2)).append("  ");
        }
        return sb.length() == 0 ? truncate(s, 200) : sb.toString().trim();
    }

    /** WARN and ERROR lines of Ponte's log, apart for the start-up (up to a healthy /health) and after it. */
    Map<String, Object> logSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        String all;
        try {
            all = Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            m.put("unreadable", e.toString());
            return m;
        }
        int split = (int) Math.min(all.length(), logOffsetHealthy); // ASCII log: bytes = chars
        m.put("after_healthy", logSection(all.substring(split)));
        m.put("start_up", logSection(all.substring(0, split)));
        return m;
    }

    static Map<String, Object> logSection(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        long errors = 0;
        long warns = 0;
        List<String> firsts = new ArrayList<>();
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            boolean error = line.contains(" ERROR ");
            boolean warn = line.contains(" WARN ");
            if (error) {
                errors++;
            }
            if (warn) {
                warns++;
            }
            if (error || warn) {
                // the logger and message, without the time stamp and thread, to group repeats
                String key = line.replaceAll("^.*? (ERROR|WARN) ", "$1 ").replaceAll("\\[[^]]*\\] ", "")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>").replaceAll("\\d+", "N");
                key = truncate(key, 200);
                if (kinds.merge(key, 1L, Long::sum) == 1 && firsts.size() < 8) {
                    firsts.add(truncate(line, 600));
                }
            }
        }
        m.put("error_lines", errors);
        m.put("warn_lines", warns);
        m.put("first_of_each_kind", firsts);
        m.put("kinds", kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        LinkedHashMap::new)));
        return m;
    }

    String git(String... args) {
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add("git");
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "";
        } catch (Exception e) {
            return "";
        }
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // unknown
        }
        return "unknown";
    }

    static long memTotalMb() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // unknown
        }
        return -1;
    }

    // ───────────────────────────────────────────── calibrate ─────────────────────────────────────────────

    static void sinkOnly(Options o) throws Exception {
        Sink sink = new Sink(new Events(), "b-", o.sinkThreads);
        System.out.println(sink.port());
        System.out.flush();
        // runs until stdin closes (the parent ended)
        while (System.in.read() != -1) {
            // nothing
        }
        sink.stop();
    }

    /** Both load generators against a bare sink in a child JVM: requests/s and requests per CPU-second. */
    static void calibrate(Options o) throws Exception {
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "bench/Bench.java", "--sink-only", "--sink-threads", Integer.toString(o.sinkThreads))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()));
            int port = Integer.parseInt(r.readLine().trim());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            System.out.printf("calibration against a bare sink (JDK HttpServer, %d threads) in a child JVM; "
                    + "concurrency %d; %d s per client after 5 s warm-up%n", o.sinkThreads, o.concurrency, o.duration);
            for (String client : List.of("socket", "httpclient", "socket", "httpclient")) {
                Options co = new Options();
                co.client = client;
                co.concurrency = o.concurrency;
                Events events = new Events();
                Load load = new Load(co, events, "b-", port, "/api/leads");
                load.start();
                Thread.sleep(5_000);
                long cpu0 = os.getProcessCpuTime();
                long child0 = cpuTicks(child.pid(), false);
                long acks0 = totalRequests(load);
                long t0 = System.nanoTime();
                Thread.sleep(o.duration * 1000L);
                long acks1 = totalRequests(load);
                long t1 = System.nanoTime();
                long cpu1 = os.getProcessCpuTime();
                long child1 = cpuTicks(child.pid(), false);
                load.stopAndJoin();
                JdkClient.shared = null;
                double secs = (t1 - t0) / 1e9;
                double rps = (acks1 - acks0) / secs;
                double cpuSecs = (cpu1 - cpu0) / 1e9;
                System.out.printf("  %-10s %,8.0f req/s   load JVM %5.0f%% CPU  → %,7.0f req per CPU-second   "
                                + "(sink JVM %3.0f%% CPU; I/O errors %d)%n", client, rps, cpuSecs / secs * 100,
                        (acks1 - acks0) / cpuSecs, (child1 - child0) * 100.0 / CLOCK_TICKS / secs,
                        load.stats.stream().mapToLong(s -> s.errors).sum());
            }
        } finally {
            child.getOutputStream().close();
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static long totalRequests(Load load) {
        // the sink answers 201; count every answered request from the per-second timeline of failures + acks
        long n = 0;
        for (int s = 0; s < TIMELINE_SECONDS; s++) {
            n += load.failuresPerSecond.get(s) + load.acksPerSecond.get(s);
        }
        return n;
    }

    // ───────────────────────────────────────────── helpers ─────────────────────────────────────────────

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.now()), String.format(format, args));
        System.out.flush();
    }

    /** Just enough JSON writing for the report. */
    static final class Json {
        record Raw(String json) {}

        static String write(Object value) {
            StringBuilder sb = new StringBuilder();
            write(sb, value, 0);
            return sb.toString();
        }

        static void write(StringBuilder sb, Object v, int indent) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Raw raw) {
                sb.append(raw.json().trim());
            } else if (v instanceof String s) {
                sb.append(quote(s));
            } else if (v instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    sb.append("null");
                } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    sb.append(d.longValue());
                } else {
                    sb.append(d);
                }
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append("  ".repeat(indent + 1)).append(quote(String.valueOf(e.getKey()))).append(": ");
                    write(sb, e.getValue(), indent + 1);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                sb.append("  ".repeat(indent)).append('}');
            } else if (v instanceof Collection<?> c) {
                boolean simple = c.stream().allMatch(x -> x instanceof Number);
                sb.append('[');
                int i = 0;
                for (Object x : c) {
                    if (!simple) {
                        sb.append('\n').append("  ".repeat(indent + 1));
                    }
                    write(sb, x, indent + 1);
                    if (++i < c.size()) {
                        sb.append(simple ? "," : ",");
                    }
                }
                if (!simple && !c.isEmpty()) {
                    sb.append('\n').append("  ".repeat(indent));
                }
                sb.append(']');
            } else {
                sb.append(quote(String.valueOf(v)));
            }
        }

        static String quote(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
