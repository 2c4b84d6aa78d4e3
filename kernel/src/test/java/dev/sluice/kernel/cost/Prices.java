package dev.sluice.kernel.cost;

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

/** The bundled table's text and its entries, for checks over every price. */
final class Prices {
    private Prices() {
    }

    static String text() {
        try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry as {@code type/model}, in file order. */
    static Map<String, ModelPrice> entries() {
        Settings providers = YamlLoader.load(text(), "prices.yaml", v -> Optional.empty()).child("providers")
                .orElseThrow();
        Map<String, ModelPrice> out = new LinkedHashMap<>();
        for (String type : providers.keys()) {
            Settings models = providers.child(type).orElseThrow().child("models").orElseThrow();
            for (String model : models.keys()) {
                out.put(type + "/" + model, PriceFields.read(models.child(model).orElseThrow()));
            }
        }
        return out;
    }
}
