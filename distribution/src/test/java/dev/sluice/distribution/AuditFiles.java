package dev.sluice.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The records a {@code jsonl} audit sink wrote into a folder, read as a test reads them. */
final class AuditFiles {

    private AuditFiles() {
    }

    /** Every complete record written so far, in file order. */
    static List<JsonNode> records(Path folder) {
        List<JsonNode> all = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return all;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                // A record is complete once its line ends; the sink may be writing the last one.
                String complete = text.substring(0, text.lastIndexOf('\n') + 1);
                for (String line : complete.split("\n")) {
                    if (!line.isBlank()) {
                        all.add(Json.tree(line.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The record of one request, once the sink has written it (within 10 s). */
    static JsonNode recordOf(Path folder, String requestId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> found = records(folder).stream()
                    .filter(r -> r.path("request_id").asText().equals(requestId)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no audit record for " + requestId + " within 10 s");
    }
}
