package dev.sluice.policies;

import dev.sluice.kernel.js.PolicyProbe;
import dev.sluice.kernel.js.PolicyTester;
import java.nio.file.Path;

/** The shipped policy files and requests to probe them with. */
final class Examples {
    private Examples() {
    }

    static PolicyTester policy(String file) {
        return PolicyTester.of(Path.of("src/main/resources/policies", file));
    }

    static PolicyProbe chat(String model, String system, String user) {
        return PolicyProbe.of("""
                {"model":"%s","messages":[{"role":"system","content":"%s"},{"role":"user","content":"%s"}]}"""
                .formatted(model, system, user));
    }

    static PolicyProbe chat(String user) {
        return chat("chat", "You are helpful.", user);
    }
}
