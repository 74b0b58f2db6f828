package org.coopwatch.streams.topology;

import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/** How every stage starts its builder. */
final class Builders {

    private Builders() {}

    /**
     * A builder that knows the stage's configuration: {@code ensure.explicit.internal.resource.naming} is
     * read from the {@link TopologyConfig} given here (not from {@code build(props)}, which only applies
     * optimisation), so without it an unnamed store or topic would slip through unnoticed.
     */
    static StreamsBuilder forStage(Properties props) {
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    }
}
