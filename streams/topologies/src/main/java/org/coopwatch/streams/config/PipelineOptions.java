package org.coopwatch.streams.config;

import java.time.Duration;
import java.util.List;
import org.coopwatch.streams.aggregate.AggregateOptions;
import org.coopwatch.streams.alert.AlertRule;
import org.coopwatch.streams.alert.AlertRules;
import org.coopwatch.streams.enrich.TextLimit;

/**
 * What the stages need beyond topics and Kafka properties.
 *
 * @param maxTextBytes  UTF-8 bytes of article text classified and stored (the rest is cut)
 * @param alertRules    the alert rules, evaluated in order ({@code AlertRulesFile.load(path)}; by default the
 *                      shipped default rules file)
 * @param suppression   the suppression window of rules that have none of their own (rules files usually set
 *                      one under {@code defaults:})
 * @param aggregates    window grace, store retention, tracked article ids
 */
public record PipelineOptions(int maxTextBytes, List<AlertRule> alertRules, Duration suppression, AggregateOptions aggregates) {

    public PipelineOptions {
        if (maxTextBytes < 1024) throw new IllegalArgumentException("maxTextBytes must be at least 1024: " + maxTextBytes);
        alertRules = List.copyOf(alertRules);
        if (suppression == null || suppression.isNegative()) {
            throw new IllegalArgumentException("suppression must be zero or positive: " + suppression);
        }
        if (aggregates == null) throw new IllegalArgumentException("aggregate options are required");
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(TextLimit.DEFAULT_MAX_BYTES, AlertRules.defaults(), Duration.ofHours(1),
                AggregateOptions.defaults());
    }

    public PipelineOptions withMaxTextBytes(int bytes) {
        return new PipelineOptions(bytes, alertRules, suppression, aggregates);
    }

    public PipelineOptions withAlertRules(List<AlertRule> rules) {
        return new PipelineOptions(maxTextBytes, rules, suppression, aggregates);
    }

    public PipelineOptions withSuppression(Duration window) {
        return new PipelineOptions(maxTextBytes, alertRules, window, aggregates);
    }

    public PipelineOptions withAggregates(AggregateOptions options) {
        return new PipelineOptions(maxTextBytes, alertRules, suppression, options);
    }
}
