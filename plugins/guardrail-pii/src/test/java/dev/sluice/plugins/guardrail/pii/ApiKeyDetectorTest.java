package dev.sluice.plugins.guardrail.pii;

import static dev.sluice.plugins.guardrail.pii.Checks.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyDetectorTest {
    /** A made-up random-looking body; keys are assembled from it so no line holds a whole key. */
    private static final String BODY = "q7Xk2Lm9Rt4Vw8Zp3Bn6Cd1Fg5Hj0KsYa7Ue2Io4Pl9Mn3Bv8Cx6Zq1Wr5Ty0Gh";

    @ParameterizedTest
    @ValueSource(strings = {"sk-ant-api03-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-", "ghp_", "gho_", "ghs_",
        "sk_live_", "rk_live_", "sk_test_"})
    void findsKeysByTheirProviderPrefix(String prefix) {
        String key = prefix + BODY.substring(0, 40);
        assertThat(found(Kind.API_KEY, "key=" + key + " end")).containsExactly(key);
    }

    @Test
    void findsFixedLengthKeys() {
        String aws = "AKIA" + "IOSFODNN7EXAMPLE";
        String google = "AIza" + BODY.substring(0, 35);
        String pat = "github_pat_" + BODY.substring(0, 22) + "_" + BODY.substring(22, 62);
        String slack = "xoxb-" + "51008292209-8344641489984-" + BODY.substring(0, 24);
        assertThat(found(Kind.API_KEY, aws + " " + google + " " + pat + " " + slack)).containsExactly(aws, google, pat,
                slack);
    }

    @Test
    void namesTheProviderButNotTheKeyInTheDetail() {
        String key = "ghp_" + BODY.substring(0, 36);
        List<Hit> hits = new ArrayList<>();
        new ApiKeyDetector().find(key, hits);
        assertThat(hits).singleElement().extracting(Hit::detail).isEqualTo("an API key (GitHub)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-learn", "task-0123456789abcdefghijklmnopqrstuvwxyz", "sk-your-api-key-here",
        "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "AKIAIOSFODNN7EXAMPL", "ASIAPACIFICREGIONALX",
        "xoxb-not-a-token", "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX", "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void leavesWordsAndPlaceholdersAlone(String text) {
        assertThat(found(Kind.API_KEY, text)).isEmpty();
    }

    @Test
    void requiresTheKeyToEndAtAWordBoundary() {
        assertThat(found(Kind.API_KEY, "AKIAIOSFODNN7EXAMPLEX")).isEmpty();
    }
}
