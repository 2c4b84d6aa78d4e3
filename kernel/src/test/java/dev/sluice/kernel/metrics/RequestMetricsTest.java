package dev.sluice.kernel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.route.health.HealthTracker;
import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.GuardrailTrigger;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each request's audit record moves the request metrics. */
class RequestMetricsTest {
    private final GatewayMetrics metrics = new GatewayMetrics(new HealthTracker(Clock.systemUTC()));

    private Samples scrape() {
        return Samples.parse(metrics.scrape());
    }

    @Test
    void countsRequestsByRouteProviderStatusAndOutcome() {
        metrics.request(Records.served().build());
        metrics.request(Records.served().build());
        metrics.request(Records.served().status(502).error("all attempts failed").errorType("upstream_error").build());
        metrics.request(Records.served().stream(true).error("the stream broke").errorType("upstream_error").build());

        Samples s = scrape();

        assertThat(s.value("sluice_requests_total", "route", "main", "provider", "openai", "status", "200",
                "outcome", "ok")).isEqualTo(2);
        assertThat(s.value("sluice_requests_total", "status", "502", "outcome", "error")).isEqualTo(1);
        assertThat(s.value("sluice_requests_total", "status", "200", "outcome", "error")).isEqualTo(1);
    }

    @Test
    void latenciesAreHistogramsInSecondsWithBucketsFrom50MicrosecondsTo60Seconds() {
        metrics.request(Records.served().latencyMs(120).gatewayOverheadMs(0.4).build());

        Samples s = scrape();

        List<String> bounds = s.find("sluice_request_duration_seconds_bucket", "route", "main").stream()
                .map(b -> b.labels().get("le")).toList();
        assertThat(bounds).first().isEqualTo("5.0E-5");
        assertThat(bounds).contains("0.001", "1.0", "60.0").last().isEqualTo("+Inf");
        assertThat(s.value("sluice_request_duration_seconds_bucket", "le", "0.1")).isZero();
        assertThat(s.value("sluice_request_duration_seconds_bucket", "le", "0.2")).isEqualTo(1);
        assertThat(s.value("sluice_request_duration_seconds_sum")).isEqualTo(0.12);
        assertThat(s.value("sluice_gateway_overhead_seconds_bucket", "le", "2.0E-4")).isZero();
        assertThat(s.value("sluice_gateway_overhead_seconds_bucket", "le", "5.0E-4")).isEqualTo(1);
        assertThat(s.value("sluice_gateway_overhead_seconds_count")).isEqualTo(1);
    }

    @Test
    void gatewayOverheadIsRecordedOnlyForRequestsThatReachedAnUpstream() {
        metrics.request(Records.rejected(401, "invalid_api_key").build());

        Samples s = scrape();

        assertThat(s.value("sluice_request_duration_seconds_count")).isEqualTo(1);
        assertThat(s.value("sluice_gateway_overhead_seconds_count")).isZero();
    }

    @Test
    void streamsRecordTheirTimeToFirstToken() {
        metrics.request(Records.served().stream(true).timeToFirstTokenMs(35.0).build());
        metrics.request(Records.served().build());

        Samples s = scrape();

        assertThat(s.value("sluice_time_to_first_token_seconds_count")).isEqualTo(1);
        assertThat(s.value("sluice_time_to_first_token_seconds_bucket", "le", "0.02")).isZero();
        assertThat(s.value("sluice_time_to_first_token_seconds_bucket", "le", "0.05")).isEqualTo(1);
    }

    @Test
    void tokensAreCountedByType() {
        metrics.request(Records.served().promptTokens(12).completionTokens(30).build());
        metrics.request(Records.served().promptTokens(8).completionTokens(null).build());

        Samples s = scrape();

        assertThat(s.value("sluice_tokens_total", "route", "main", "provider", "openai", "type", "input"))
                .isEqualTo(20);
        assertThat(s.value("sluice_tokens_total", "type", "output")).isEqualTo(30);
    }

    @Test
    void costIsCountedByRouteProviderAndTeamWithNoneWhenThereIsNoTeam() {
        metrics.request(Records.served().team("search").costUsd(new BigDecimal("0.0015")).build());
        metrics.request(Records.served().team("search").costUsd(new BigDecimal("0.0025")).build());
        metrics.request(Records.served().costUsd(new BigDecimal("0.01")).build());
        metrics.request(Records.served().team("search").costUsd(null).build());

        Samples s = scrape();

        assertThat(s.value("sluice_cost_usd_total", "route", "main", "provider", "openai", "team", "search"))
                .isCloseTo(0.004, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.value("sluice_cost_usd_total", "team", "none")).isEqualTo(0.01);
    }

    @Test
    void cacheLookupsAreCountedByResult() {
        metrics.request(Records.served().cacheStatus("hit").cacheHit(true).costSavedUsd(new BigDecimal("0.002"))
                .build());
        metrics.request(Records.served().cacheStatus("miss").build());
        metrics.request(Records.served().cacheStatus("miss").build());
        metrics.request(Records.served().cacheStatus("bypass").build());
        metrics.request(Records.served().build());

        Samples s = scrape();

        assertThat(s.value("sluice_cache_lookups_total", "route", "main", "result", "hit")).isEqualTo(1);
        assertThat(s.value("sluice_cache_lookups_total", "result", "miss")).isEqualTo(2);
        assertThat(s.value("sluice_cache_lookups_total", "result", "bypass")).isEqualTo(1);
        assertThat(s.value("sluice_cost_saved_usd_total", "route", "main")).isEqualTo(0.002);
    }

    @Test
    void failoversAreCountedAsRecoveredOrFailed() {
        List<AuditAttempt> two = List.of(new AuditAttempt("openai", "gpt-4o", 500, "boom", 10),
                new AuditAttempt("anthropic", "claude", 200, null, 90));
        metrics.request(Records.served().provider("anthropic").attempts(two).failoverAttempted(true).build());
        metrics.request(Records.served().attempts(two).failoverAttempted(true).status(502).error("all failed")
                .errorType("upstream_error").build());
        metrics.request(Records.served().build());

        Samples s = scrape();

        assertThat(s.value("sluice_failovers_total", "route", "main", "outcome", "recovered")).isEqualTo(1);
        assertThat(s.value("sluice_failovers_total", "route", "main", "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void guardrailTriggersAreCountedByGuardrailActionAndStage() {
        metrics.request(Records.served().guardrailsTriggered(List.of(new GuardrailTrigger("pii", "email", "redact",
                "input"), new GuardrailTrigger("pii", "phone", "redact", "input"))).build());
        metrics.request(Records.rejected(400, "guardrail_blocked")
                .guardrailsTriggered(List.of(new GuardrailTrigger("secrets", "aws_key", "block", "input"))).build());

        Samples s = scrape();

        assertThat(s.value("sluice_guardrail_triggers_total", "guardrail", "pii", "action", "redact", "stage",
                "input")).isEqualTo(2);
        assertThat(s.value("sluice_guardrail_triggers_total", "guardrail", "secrets", "action", "block"))
                .isEqualTo(1);
    }

    @Test
    void rejectionsAreCountedByReasonWithAliasesFolded() {
        metrics.request(Records.rejected(429, "rate_limit_exceeded").build());
        metrics.request(Records.rejected(429, "budget_exceeded").build());
        metrics.request(Records.rejected(403, "model_not_allowed").build());
        metrics.request(Records.rejected(401, "invalid_api_key").build());
        metrics.request(Records.rejected(401, "authentication").build());
        metrics.request(Records.rejected(418, "Not A Code!").build());

        Samples s = scrape();

        assertThat(s.value("sluice_rejections_total", "route", "main", "reason", "rate_limit_exceeded")).isEqualTo(1);
        assertThat(s.value("sluice_rejections_total", "reason", "budget_exceeded")).isEqualTo(1);
        assertThat(s.value("sluice_rejections_total", "reason", "model_not_allowed")).isEqualTo(1);
        assertThat(s.value("sluice_rejections_total", "reason", "authentication")).isEqualTo(2);
        assertThat(s.value("sluice_rejections_total", "reason", "other")).isEqualTo(1);
    }

    @Test
    void anUpstreamsRateLimitIsAnErrorButNotARejection() {
        metrics.request(Records.served().status(429).error("all attempts were rate-limited")
                .errorType("rate_limit_exceeded")
                .attempts(List.of(new AuditAttempt("openai", "gpt-4o", 429, "slow down", 5))).build());
        metrics.request(Records.rejected(503, "no_target").build());

        Samples s = scrape();

        assertThat(s.value("sluice_rejections_total")).isZero();
        assertThat(s.value("sluice_requests_total", "status", "429", "outcome", "error")).isEqualTo(1);
    }

    @Test
    void clientChosenLabelValuesAreCappedSoTheSeriesCannotGrowWithoutBound() {
        for (int i = 0; i < 300; i++) {
            metrics.request(Records.served().team("team-" + i).costUsd(new BigDecimal("0.001")).build());
        }

        Samples s = scrape();

        List<String> teams = s.find("sluice_cost_usd_total").stream().map(x -> x.labels().get("team"))
                .collect(Collectors.toList());
        assertThat(teams).hasSize(201).contains("team-0", "other");
        assertThat(s.value("sluice_cost_usd_total", "team", "other"))
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void absentRouteAndProviderAreLabelledNone() {
        metrics.request(Records.rejected(401, "invalid_api_key").route(null).build());

        Samples s = scrape();

        assertThat(s.value("sluice_requests_total", "route", "none", "provider", "none", "status", "401")).isEqualTo(1);
    }
}
