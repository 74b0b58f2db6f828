package org.coopwatch.app;

import java.util.Arrays;

/**
 * Log levels for slf4j-simple, set before any logger exists. By default Kafka's own classes log only
 * warnings (and the clients' per-connection retries not even that: coopwatch reports an unreachable
 * cluster itself, in one line); {@code --debug} or {@code COOPWATCH_DEBUG=true} brings them back.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(String[] args) {
        boolean debug = Arrays.asList(args).contains("--debug")
                || "true".equalsIgnoreCase(System.getenv("COOPWATCH_DEBUG"));
        set("logFile", "System.err");
        set("showDateTime", "true");
        set("dateTimeFormat", "HH:mm:ss.SSS");
        set("showThreadName", "false");
        set("showShortLogName", "true");
        set("levelInBrackets", "true");
        if (debug) {
            set("log.org.coopwatch", "debug");
            set("log.org.apache.kafka", "info");
            set("log.kafka", "info");
        } else {
            set("log.org.apache.kafka", "warn");
            set("log.kafka", "warn");
            set("log.state.change.logger", "warn");
            set("log.org.apache.kafka.clients.NetworkClient", "error");
            set("log.org.apache.kafka.controller", "error");
            // a consumer or producer closed while the broker is gone logs its retries at WARN
            set("log.org.apache.kafka.clients.consumer.internals", "error");
            // the same race, harmless and retried: transactional clients starting together, Kafka Streams asking
            // for a changelog topic a moment before the broker knows it (logged at ERROR with a stack trace)
            set("log.org.apache.kafka.server.DefaultAutoTopicCreationManager", "error");
            set("log.org.apache.kafka.clients.admin.internals.PartitionLeaderStrategy", "off");
            // lag reads during open transactions (LagWatcher counts those partitions as not done) and the
            // transactional producers' CONCURRENT_TRANSACTIONS retries: retried, not failures
            set("log.org.apache.kafka.clients.admin.internals.ListConsumerGroupOffsetsHandler", "error");
            set("log.org.apache.kafka.clients.producer.internals.Sender", "error");
            // one line per event older than the aggregates' grace period (a back-filled archive gives thousands);
            // counted instead: run --once reports the total from the stages' dropped-records metric
            set("log.org.apache.kafka.streams.kstream.internals.KStreamWindowAggregate", "error");
        }
    }

    private static void set(String key, String value) {
        System.getProperties().putIfAbsent(PREFIX + key, value);
    }
}
