package org.coopwatch.streams.alert;

import java.util.List;
import java.util.Set;

/** The rules used when none are configured. */
public final class AlertRules {

    private AlertRules() {}

    /**
     * Armed attacks (critical) and other conflict (threats, sanctions, coercion, mobilisation; warning)
     * from confidence 0.5; agreements and cooperation (info) from 0.7, where a false alarm costs less
     * attention but the desk wants only the clear cases.
     */
    public static List<AlertRule> defaults() {
        return List.of(
                new AlertRule("armed-attack", Set.of(), null, Set.of("ASSAULT"), Set.of(), 0.5, "critical"),
                new AlertRule("conflict", Set.of(), null, Set.of("THREATEN", "SANCTION", "COERCE", "MOBILIZE"),
                        Set.of(), 0.5, "warning"),
                new AlertRule("agreement", Set.of(), null, Set.of("AGREE", "COOPERATE"), Set.of(), 0.7, "info"));
    }
}
