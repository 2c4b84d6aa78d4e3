package dev.sluice.kernel.cost;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.YamlLoader;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.cost.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The price table that ships with the gateway ({@code prices.yaml} next to this class): for each
 * provider type, the list prices of its models, and the type whose prices it shares
 * ({@code same_as}: {@code azure-openai} bills OpenAI's list). Immutable; loaded once.
 */
public final class PriceTable {
    /** Where the bundled table is, on the class path. */
    static final String RESOURCE = "prices.yaml";

    private final String version;
    private final Map<String, PriceSheet> sheets;
    private final Map<String, String> sameAs;

    private PriceTable(String version, Map<String, PriceSheet> sheets, Map<String, String> sameAs) {
        this.version = version;
        this.sheets = Map.copyOf(sheets);
        this.sameAs = Map.copyOf(sameAs);
    }

    /** The bundled table. */
    public static PriceTable bundled() {
        return Bundled.TABLE;
    }

    /** The table's version: the date its prices were checked. */
    public String version() {
        return version;
    }

    /** The provider types it prices. */
    public Set<String> types() {
        return sheets.keySet();
    }

    /** The prices of one provider type (empty when it has none). */
    PriceSheet sheet(String type) {
        return sheets.getOrDefault(type, PriceSheet.EMPTY);
    }

    /** The type whose prices a type shares, if any. */
    Optional<String> sameAs(String type) {
        return Optional.ofNullable(sameAs.get(type));
    }

    /**
     * Reads a table.
     *
     * @param text the YAML
     * @param name the file name for messages
     * @throws dev.sluice.spi.config.ConfigException naming line and path of the first error
     */
    static PriceTable parse(String text, String name) {
        Settings root = YamlLoader.load(text, name, variable -> Optional.empty());
        String version = root.requireString("version");
        Map<String, PriceSheet> sheets = new LinkedHashMap<>();
        Map<String, String> sameAs = new LinkedHashMap<>();
        Settings providers = root.child("providers").orElseThrow(() -> root.error("providers", "required"));
        for (String type : providers.keys()) {
            Settings provider = providers.child(type).orElseThrow(() -> providers.error(type, "expected a mapping"));
            provider.requireString("source");
            provider.string("same_as").ifPresent(other -> sameAs.put(type, other));
            sheets.put(type, sheet(provider.child("models").orElseThrow(() -> provider.error("models", "required"))));
            ConfigReader.rejectUnknown(provider);
        }
        ConfigReader.rejectUnknown(root);
        sameAs.forEach((type, other) -> {
            if (!sheets.containsKey(other) || sameAs.containsKey(other)) {
                throw providers.error(type + ".same_as", "must name a provider type of this table that has its own"
                        + " prices, got \"" + other + "\"");
            }
        });
        return new PriceTable(version, sheets, sameAs);
    }

    private static PriceSheet sheet(Settings models) {
        PriceSheet.Builder sheet = new PriceSheet.Builder();
        for (String model : models.keys()) {
            Settings entry = models.child(model).orElseThrow(() -> models.error(model, "expected a price mapping"));
            ModelPrice price = PriceFields.read(entry);
            add(sheet, models, model, model, price);
            for (String alias : entry.strings("aliases")) {
                add(sheet, models, model, alias, price);
            }
            ConfigReader.rejectUnknown(entry);
        }
        return sheet.build();
    }

    private static void add(PriceSheet.Builder sheet, Settings models, String key, String name, ModelPrice price) {
        if (!sheet.add(name, price)) {
            throw models.error(key, "\"" + name + "\" is priced twice");
        }
    }

    /** The bundled table, read on first use. */
    private static final class Bundled {
        static final PriceTable TABLE = load();

        private static PriceTable load() {
            try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled price table " + RESOURCE + " is missing");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
