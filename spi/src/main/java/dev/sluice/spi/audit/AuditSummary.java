package dev.sluice.spi.audit;

import java.math.BigDecimal;

/**
 * One group of {@link AuditStore#summarize}.
 *
 * @param group the group's value ({@code null} for records without one)
 * @param requests how many requests
 * @param errors how many of them failed
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param costUsd what they cost
 */
public record AuditSummary(String group, long requests, long errors, long promptTokens, long completionTokens,
        BigDecimal costUsd) {
}
