package dev.sluice.kernel.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.audit.AuditJson;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditSink;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.audit.AuditSummary;
import dev.sluice.spi.audit.VerifyReport;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code sluice audit}: check, search and read what the audit sinks wrote.
 *
 * <pre>
 * sluice audit verify LOCATION
 * sluice audit query LOCATION [filters] [--group-by FIELD] [--format table|json]
 * sluice audit decrypt LOCATION [filters] [--key-env NAME]
 * sluice audit keygen
 * </pre>
 * A LOCATION is whatever a sink understands: a JSON Lines file or folder, a SQLite file, a JDBC
 * URL. The sinks are found in the plugins folder ({@code --plugins}, else
 * {@code $SLUICE_HOME/plugins}).
 */
public final class AuditCommand {
    static final String USAGE = """
            usage: sluice audit verify LOCATION [--plugins DIR]
                   sluice audit query LOCATION [filters] [--group-by FIELD] [--format table|json] [--plugins DIR]
                   sluice audit decrypt LOCATION [filters] [--key-env NAME] [--plugins DIR]
                   sluice audit keygen
              LOCATION  a JSON Lines file or folder (jsonl sink), a SQLite file or a JDBC URL (sql sink)
              filters   --from T --to T (ISO date or instant; from inclusive, to exclusive)
                        --team X --project X --user X --model X --session X
                        --status ok|error|CODE --guardrail NAME|any --pii true|false
                        --cost-above USD --limit N (default 1000)
              --group-by  team|project|user|model|provider|key|day: totals per group instead of records
              --key-env   the variable holding the prompt key (default SLUICE_AUDIT_KEY)
            verify exits with 1 when the chain is broken.
            """;

    private AuditCommand() {
    }

    /** Runs {@code sluice audit ARGS}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Path home,
            Function<String, Optional<String>> env) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        String action = args.get(0);
        if (action.equals("keygen")) {
            out.println(PromptCipher.newKey());
            return 0;
        }
        if (!List.of("verify", "query", "decrypt").contains(action) || args.size() < 2) {
            err.println(args.size() < 2 && List.of("verify", "query", "decrypt").contains(action)
                    ? "error: audit " + action + " needs a LOCATION" : "error: unknown audit command \"" + action + "\"");
            err.print(USAGE);
            return 2;
        }
        String location = args.get(1);
        AuditOptions options;
        try {
            options = AuditOptions.parse(args.subList(2, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path plugins = options.plugins().orElse(home.resolve("plugins"));
        // PF4J reports every plugin it loads; a command's output is its answer alone.
        Logger.getLogger("org.pf4j").setLevel(Level.WARNING);
        try (ExtensionCatalog catalog = ExtensionCatalog.load(plugins)) {
            Optional<AuditStore> found = Optional.empty();
            for (ExtensionCatalog.Found<AuditSink> sink : catalog.auditSinks().values()) {
                found = sink.extension().store(location);
                if (found.isPresent()) {
                    break;
                }
            }
            if (found.isEmpty()) {
                err.println("error: no audit sink reads \"" + location + "\" (sinks installed: "
                        + ExtensionCatalog.known(catalog.auditSinks()) + "; plugins from " + plugins + ")");
                return 2;
            }
            try (AuditStore store = found.get()) {
                return switch (action) {
                    case "verify" -> verify(store, location, out);
                    case "query" -> query(store, options, out);
                    default -> decrypt(store, options, out, err, env);
                };
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int verify(AuditStore store, String location, PrintStream out) {
        VerifyReport report = store.verify();
        if (report.ok()) {
            out.println("OK: " + report.records() + " records, chain intact"
                    + (report.records() == 0 ? "" : " (records " + report.firstSeq() + " to " + report.lastSeq()
                            + (report.anchored() ? ", from the start of the chain" : ", a later part of a chain")
                            + "); last hash " + report.lastHash()));
            return 0;
        }
        out.println("BROKEN: " + report.problemCount() + " problem(s) in " + report.records() + " records of "
                + location);
        report.problems().forEach(p -> out.println("  " + p));
        if (report.problemCount() > report.problems().size()) {
            out.println("  … and " + (report.problemCount() - report.problems().size()) + " more");
        }
        return 1;
    }

    private static int query(AuditStore store, AuditOptions options, PrintStream out) {
        if (options.groupBy().isPresent()) {
            List<AuditSummary> rows = store.summarize(options.query(), options.groupBy().get());
            if (options.json()) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                for (AuditSummary r : rows) {
                    ObjectNode o = array.addObject();
                    o.put(options.groupBy().get(), r.group());
                    o.put("requests", r.requests());
                    o.put("errors", r.errors());
                    o.put("prompt_tokens", r.promptTokens());
                    o.put("completion_tokens", r.completionTokens());
                    o.put("cost_usd", r.costUsd());
                }
                out.println(pretty(array));
            } else {
                AuditTable.summaries(options.groupBy().get(), rows, out);
            }
            return 0;
        }
        List<AuditRecord> records = store.query(options.query());
        if (options.json()) {
            out.println(pretty(recordsJson(records)));
        } else {
            AuditTable.records(records, out);
        }
        return 0;
    }

    private static int decrypt(AuditStore store, AuditOptions options, PrintStream out, PrintStream err,
            Function<String, Optional<String>> env) {
        String keyEnv = options.keyEnv().orElse("SLUICE_AUDIT_KEY");
        Optional<String> key = env.apply(keyEnv).filter(v -> !v.isBlank());
        if (key.isEmpty()) {
            err.println("error: " + keyEnv + " is not set; it must hold the key the prompts were encrypted with");
            return 2;
        }
        PromptCipher cipher = PromptCipher.fromBase64(key.get());
        int failed = 0;
        List<AuditRecord> opened = new ArrayList<>();
        for (AuditRecord r : store.query(options.query())) {
            if (r.promptEncrypted() == null) {
                continue;
            }
            try {
                opened.add(r.toBuilder().prompt(cipher.decrypt(r.promptEncrypted(), r.requestId())).build());
            } catch (IllegalArgumentException e) {
                failed++;
                err.println("request " + r.requestId() + ": " + e.getMessage());
            }
        }
        out.println(pretty(recordsJson(opened)));
        return failed == 0 ? 0 : 1;
    }

    private static ArrayNode recordsJson(List<AuditRecord> records) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (AuditRecord r : records) {
            try {
                array.add(Json.tree(AuditJson.bytes(r)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return array;
    }

    private static String pretty(Object node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
