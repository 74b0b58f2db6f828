package org.coopwatch.streams.alert;

import java.util.List;

/** The rules used when none are configured. */
public final class AlertRules {

    private AlertRules() {}

    /**
     * The enabled rules of the default rules file ({@link AlertRulesFile#DEFAULT_RESOURCE}): armed attacks
     * (critical) and other conflict (warning) from confidence 0.5, agreements and cooperation (info) from
     * 0.7, a pair's first event of a sector in 30 days, and spikes of a pair's hourly count.
     */
    public static List<AlertRule> defaults() {
        return AlertRulesFile.loadDefault();
    }
}
