package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.mapper.MapperManager;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Header;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake upstream of the overhead benchmark: an OpenAI-compatible {@code POST /v1/chat/completions}
 * that does as little as possible per request, so that what the benchmark sees is the gateway and
 * not the fake. Every answer is precomputed bytes; a request is read whole (its body is only scanned
 * for {@code "stream": true} and {@code "include_usage": true}), then, after the profile's fixed
 * latency (a virtual-thread sleep), answered with a {@code chat.completion} JSON, or streamed as
 * {@code chat.completion.chunk} SSE frames, each frame written as one {@code byte[]} and flushed.
 *
 * <p>The behaviour is chosen per request by the path, so one process serves every cell:
 * <ul>
 *   <li>{@code /v1/chat/completions}: the default profile of the command line;</li>
 *   <li>{@code /p/l{latencyMs}-c{chunks}-d{chunkDelayMs}/v1/chat/completions}: latency before the
 *       answer, number of content chunks in a stream (also the number of words of the answer), and
 *       delay between stream frames, e.g. {@code /p/l50-c20-d0/v1/chat/completions}.</li>
 * </ul>
 * {@code GET /health} answers {@code ok}; {@code GET /stats} the number of requests served.
 *
 * <pre>
 * java -cp ... dev.sluice.bench.FastUpstream [--host 127.0.0.1] [--port 9000]
 *      [--latency-ms 0] [--chunks 20] [--chunk-delay-ms 0]
 * </pre>
 */
public final class FastUpstream {

    /** A word every answer contains, so a check can tell the fake's answer from anything else. */
    public static final String MARKER = "sluicebench";

    private static final Pattern SPEC = Pattern.compile("l(\\d+)-c(\\d+)-d(\\d+)");
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Header JSON = HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json");
    private static final Header EVENT_STREAM =
            HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    private static final Header NO_CACHE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache");

    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    private final Profile defaultProfile;
    private final LongAdder requests = new LongAdder();
    private final WebServer server;

    private FastUpstream(String host, int port, Profile defaultProfile) {
        this.defaultProfile = defaultProfile;
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                .backlog(8192)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing((HttpRouting.Builder r) -> r
                        .post("/v1/chat/completions", (req, res) -> chat(req, res, this.defaultProfile))
                        .post("/p/{spec}/v1/chat/completions",
                                (req, res) -> chat(req, res, profile(req.path().pathParameters().get("spec"))))
                        .get("/health", (req, res) -> res.send("ok"))
                        .get("/stats", (req, res) -> res.send("{\"requests\":" + requests.sum() + "}")))
                .build();
    }

    /** Starts a fake upstream; close it with {@link WebServer#stop()} on {@link #server()}. */
    @SuppressWarnings("removal")
    public static FastUpstream start(String host, int port, int latencyMs, int chunks, int chunkDelayMs) {
        // Helidon 4.4.0 looks the global mapper up on every request unless one is set explicitly.
        MapperManager.global(MapperManager.create());
        FastUpstream upstream = new FastUpstream(host, port, new Profile(latencyMs, chunks, chunkDelayMs));
        upstream.server.start();
        return upstream;
    }

    public WebServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 9000;
        int latency = 0;
        int chunks = 20;
        int delay = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--latency-ms" -> latency = Integer.parseInt(value);
                case "--chunks" -> chunks = Integer.parseInt(value);
                case "--chunk-delay-ms" -> delay = Integer.parseInt(value);
                default -> {
                    System.err.println("usage: FastUpstream [--host H] [--port N] [--latency-ms MS] [--chunks N]"
                            + " [--chunk-delay-ms MS]");
                    System.exit(2);
                }
            }
            i++;
        }
        FastUpstream upstream = start(host, port, latency, chunks, delay);
        System.out.println("FastUpstream listening on http://" + host + ":" + upstream.port()
                + " (default profile l" + latency + "-c" + chunks + "-d" + delay + ")");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> upstream.server.stop(), "fast-upstream-stop"));
    }

    private Profile profile(String spec) {
        Profile p = profiles.get(spec);
        if (p != null) {
            return p;
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad profile " + spec + ", expected l{ms}-c{chunks}-d{ms}");
        }
        return profiles.computeIfAbsent(spec, s -> new Profile(Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    private void chat(ServerRequest req, ServerResponse res, Profile profile) throws InterruptedException {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests.increment();
        boolean stream = flag(body, "\"stream\"");
        if (profile.latencyMs > 0) {
            Thread.sleep(profile.latencyMs);
        }
        if (!stream) {
            res.header(JSON);
            res.send(profile.completion);
            return;
        }
        List<byte[]> frames = flag(body, "\"include_usage\"") ? profile.framesWithUsage : profile.frames;
        res.header(EVENT_STREAM);
        res.header(NO_CACHE);
        try (OutputStream out = res.outputStream()) {
            for (int i = 0; i < frames.size(); i++) {
                if (i > 0 && profile.chunkDelayMs > 0) {
                    Thread.sleep(profile.chunkDelayMs);
                }
                out.write(frames.get(i));
                out.flush();
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away: nothing to do
        }
    }

    /** Whether {@code "key"} is followed (after spaces and a colon) by {@code true}. */
    static boolean flag(byte[] body, String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= body.length - k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (body[i + j] != k[j]) {
                    continue outer;
                }
            }
            int p = i + k.length;
            while (p < body.length && (body[p] == ' ' || body[p] == ':' || body[p] == '\t'
                    || body[p] == '\r' || body[p] == '\n')) {
                p++;
            }
            return p + 4 <= body.length && body[p] == 't' && body[p + 1] == 'r' && body[p + 2] == 'u'
                    && body[p + 3] == 'e';
        }
        return false;
    }

    /** Precomputed answers for one latency / chunk count / chunk delay. */
    static final class Profile {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private static final String ID = "chatcmpl-" + MARKER + "0123456789abcdefghijklmn";
        private static final long CREATED = 1_735_689_600L;
        private static final String FINGERPRINT = "fp_b3nch0001";

        final int latencyMs;
        final int chunkDelayMs;
        final byte[] completion;
        final List<byte[]> frames;
        final List<byte[]> framesWithUsage;

        Profile(int latencyMs, int chunks, int chunkDelayMs) {
            this.latencyMs = latencyMs;
            this.chunkDelayMs = chunkDelayMs;
            List<String> words = words(Math.max(1, chunks));
            String text = String.join("", words);
            this.completion = completion(text, words.size());
            this.frames = frames(words, false);
            this.framesWithUsage = frames(words, true);
        }

        /** {@code n} pieces like "Token", " sluicebench", " 3", ...: each a few characters, as an LLM token. */
        static List<String> words(int n) {
            String[] vocabulary = {" The", " quick", " " + MARKER, " gateway", " relays", " every", " token",
                " the", " moment", " it", " arrives", ",", " with", " little", " overhead", "."};
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String w = vocabulary[i % vocabulary.length];
                out.add(i == 0 ? w.substring(1) : w);
            }
            return out;
        }

        private static ObjectNode usage(int completionTokens) {
            ObjectNode usage = MAPPER.createObjectNode()
                    .put("prompt_tokens", 42)
                    .put("completion_tokens", completionTokens)
                    .put("total_tokens", 42 + completionTokens);
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                    .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
            return usage;
        }

        private static byte[] completion(String text, int tokens) {
            ObjectNode root = MAPPER.createObjectNode()
                    .put("id", ID).put("object", "chat.completion").put("created", CREATED).put("model", "gpt-4o");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", text);
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", "stop");
            root.set("usage", usage(tokens));
            root.put("service_tier", "default");
            root.put("system_fingerprint", FINGERPRINT);
            try {
                // api.openai.com pretty-prints non-streaming answers
                return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static ObjectNode chunk(ObjectNode delta, String finish, boolean nullUsage) {
            ObjectNode root = MAPPER.createObjectNode()
                    .put("id", ID).put("object", "chat.completion.chunk").put("created", CREATED)
                    .put("model", "gpt-4o").put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finish == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finish);
            }
            if (nullUsage) {
                root.putNull("usage");
            }
            return root;
        }

        private static List<byte[]> frames(List<String> words, boolean includeUsage) {
            List<ObjectNode> events = new ArrayList<>();
            ObjectNode role = MAPPER.createObjectNode().put("role", "assistant").put("content", "");
            role.putNull("refusal");
            events.add(chunk(role, null, includeUsage));
            for (String w : words) {
                events.add(chunk(MAPPER.createObjectNode().put("content", w), null, includeUsage));
            }
            events.add(chunk(MAPPER.createObjectNode(), "stop", includeUsage));
            if (includeUsage) {
                ObjectNode last = MAPPER.createObjectNode()
                        .put("id", ID).put("object", "chat.completion.chunk").put("created", CREATED)
                        .put("model", "gpt-4o").put("service_tier", "default")
                        .put("system_fingerprint", FINGERPRINT);
                last.putArray("choices");
                last.set("usage", usage(words.size()));
                events.add(last);
            }
            List<byte[]> out = new ArrayList<>();
            for (ObjectNode e : events) {
                try {
                    out.add(("data: " + MAPPER.writeValueAsString(e) + "\n\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            out.add(DONE);
            return List.copyOf(out);
        }
    }
}
