package org.coopwatch.streams.topology;

import java.util.Properties;
import org.apache.kafka.streams.Topology;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.config.PipelineOptions;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.enrich.ArticleAnalyzer;

/** The topology of any stage, for launchers that loop over {@link Stage#values()}. */
public final class StageTopologies {

    private StageTopologies() {}

    /**
     * @param analyzer only used by {@link Stage#ENRICH}; may be null for the other stages
     * @param props    the stage's properties ({@code StreamsSettings.forStage(stage)}); they decide optimisation
     */
    public static Topology build(Stage stage, Topics topics, ArticleAnalyzer analyzer, PipelineOptions options,
                                 Properties props) {
        return switch (stage) {
            case ENRICH -> {
                if (analyzer == null) throw new IllegalArgumentException("the enrich stage needs a classifier");
                yield EnrichmentTopology.build(topics, analyzer, options.maxTextBytes(), props);
            }
            case EVENTS -> EventsTopology.build(topics, props);
            case ALERTS -> AlertsTopology.build(topics, options.alertRules(), options.suppression(), props);
            case AGGREGATES -> AggregatesTopology.build(topics, options.aggregates(), props);
        };
    }
}
