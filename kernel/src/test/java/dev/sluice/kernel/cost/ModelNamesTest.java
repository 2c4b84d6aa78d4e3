package dev.sluice.kernel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelNamesTest {

    @ParameterizedTest
    @CsvSource({
        "gpt-4o-2024-08-06, gpt-4o",
        "gpt-4o-mini-2024-07-18, gpt-4o-mini",
        "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
        "claude-sonnet-4-5@20250929, claude-sonnet-4-5",
        "claude-3-7-sonnet-latest, claude-3-7-sonnet",
        "gemini-2.0-flash-001, gemini-2.0-flash",
        "gemini-2.5-flash-preview-09-2025, gemini-2.5-flash-preview",
        "gpt-4-0613, gpt-4",
        "mistral-large-2411, mistral-large",
    })
    void aSnapshotStampComesOff(String name, String family) {
        assertThat(ModelNames.unstamped(name)).contains(family);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-opus-4-1", "o3", "gpt-oss-120b", "text-embedding-3-small", "gpt-4"})
    void aNameWithoutStampKeepsItsName(String name) {
        assertThat(ModelNames.unstamped(name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "models/gemini-2.5-flash, gemini-2.5-flash",
        "Qwen/Qwen2.5-72B-Instruct-Turbo, qwen/qwen2.5-72b-instruct-turbo",
        "' GPT-4o ', gpt-4o",
    })
    void namesCompareWithoutCaseOrGeminisPrefix(String name, String normal) {
        assertThat(ModelNames.normal(name)).isEqualTo(normal);
    }

    @ParameterizedTest
    @CsvSource({
        "*, anything, true",
        "*:free, deepseek/deepseek-chat-v3.1:free, true",
        "*:free, deepseek/deepseek-chat-v3.1, false",
        "accounts/*/models/*, accounts/me/models/tuned, true",
        "llama*instruct, llama-3.1-8b-instruct, true",
        "llama*instruct, llama-3.1-8b-instruct-turbo, false",
        "ab*ba, aba, false",
    })
    void aPatternsStarStandsForAnyRun(String pattern, String name, boolean matches) {
        assertThat(ModelNames.matches(pattern, name)).isEqualTo(matches);
    }
}
