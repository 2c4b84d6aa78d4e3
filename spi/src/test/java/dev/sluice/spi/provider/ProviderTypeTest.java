package dev.sluice.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderTypeTest {
    private static final Settings SETTINGS = Settings.of(JsonNodeFactory.instance.objectNode());

    /** What the factory was handed, in order. */
    private final List<Object> received = new ArrayList<>();

    private final class AcmeAdapter extends ProviderType {
        AcmeAdapter() {
            super("acme", (name, settings, context) -> {
                received.addAll(List.of(name, settings, context));
                return new StubProvider(name, List.of(), context.clock());
            });
        }
    }

    /** A context that offers only a clock. */
    private record ClockOnly(Clock clock) implements GatewayContext {
        @Override
        public UpstreamClient http(UpstreamOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> env(String name) {
            return Optional.empty();
        }
    }

    @Test
    void theAdapterIsNamedAfterItsType() {
        assertThat(new AcmeAdapter().name()).isEqualTo("acme");
    }

    @Test
    void createHandsTheEntryToTheFactoryAndReturnsItsProvider() {
        GatewayContext context = new ClockOnly(Clock.systemUTC());

        Provider provider = new AcmeAdapter().create("primary", SETTINGS, context);

        assertThat(received).containsExactly("primary", SETTINGS, context);
        assertThat(provider.name()).isEqualTo("primary");
    }
}
