package dev.sluice.bench.jmh;

import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.guardrail.Guardrail;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a guardrail costs per request: one check of the distribution's plugins, loaded through
 * PF4J, inspecting a prompt of {@code size} bytes of ordinary support-ticket prose with a few
 * pieces of personal data in it ({@code pii}: every detector; {@code rules}: a deny list, two
 * patterns, a topic and the injection heuristics; {@code format}: a JSON answer against a schema).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GuardrailBench {

    @Param({"pii", "rules", "format"})
    public String guardrail;

    @Param({"1024", "32768"})
    public int size;

    private ExtensionCatalog catalog;
    private GuardrailCheck check;
    private Inspection inspection;

    private static final String PROSE = "Hello team, I opened ticket 48213 yesterday about the invoice for March. "
            + "The total looks wrong compared with the order confirmation we received on the 3rd, and the "
            + "account manager said the discount would apply to every seat. Could you check and send a corrected "
            + "copy? Our finance department needs it before the end of the month. Thanks a lot for your help. ";
    private static final String PII = "Contact jane.doe@example.com or +44 20 7946 0958, card 4111 1111 1111 1111. ";

    @Setup(Level.Trial)
    public void setup() throws IOException {
        catalog = PluginsUnderTest.load();
        Guardrail type = ExtensionCatalog.find(catalog.guardrails(), guardrail).orElseThrow();
        String settings = switch (guardrail) {
            case "pii" -> "{\"action\":\"redact\"}";
            case "rules" -> "{\"deny\":[\"project falcon\",\"internal only\",\"confidential\"],"
                    + "\"deny_patterns\":[\"\\\\bPRJ-[0-9]{4}\\\\b\",\"\\\\bsecret\\\\s+sauce\\\\b\"],"
                    + "\"topics\":[{\"name\":\"medical\",\"keywords\":[\"diagnose\",\"dosage\",\"prescription\"],"
                    + "\"min_matches\":2}]}";
            default -> "{\"on_invalid\":\"block\",\"schema\":{\"type\":\"object\",\"required\":[\"items\"],"
                    + "\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
                    + "\"required\":[\"id\",\"text\"],\"properties\":{\"id\":{\"type\":\"integer\"},"
                    + "\"text\":{\"type\":\"string\"}}}}}}}";
        };
        check = type.create(PluginsUnderTest.settings(settings), PluginsUnderTest.context());
        ChatRequest request = Json.read("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                ChatRequest.class);
        String text = guardrail.equals("format") ? json(size) : prose(size);
        inspection = new Inspection(guardrail.equals("format") ? Inspection.Stage.OUTPUT : Inspection.Stage.INPUT,
                text, guardrail.equals("format") ? "assistant" : "user", true, request);
        if (guardrail.equals("pii") && check.inspect(inspection).isEmpty()) {
            throw new IllegalStateException("the pii check found nothing in a text with personal data");
        }
    }

    private static String prose(int size) {
        StringBuilder text = new StringBuilder(size + PROSE.length());
        int n = 0;
        while (text.length() < size) {
            text.append(n++ % 4 == 1 ? PII : PROSE);
        }
        text.setLength(size);
        return text.toString();
    }

    private static String json(int size) {
        StringBuilder text = new StringBuilder("{\"items\":[");
        int id = 0;
        while (text.length() < size - 80) {
            text.append(id == 0 ? "" : ",").append("{\"id\":").append(id++).append(",\"text\":\"line of the answer\"}");
        }
        return text.append("]}").toString();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        catalog.close();
    }

    @Benchmark
    public Object inspect() {
        return check.inspect(inspection);
    }
}
