package org.coopwatch.web.metrics;

import java.util.List;

/** Produces metric families on each scrape, read from wherever the numbers live (JVM, Kafka clients...). */
@FunctionalInterface
public interface Collector {

    /** Adds this collector's families; called on the scraping thread, so keep it cheap. */
    void collect(List<MetricFamily> out);
}
