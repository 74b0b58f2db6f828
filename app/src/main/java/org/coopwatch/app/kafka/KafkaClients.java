package org.coopwatch.app.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;

/** Creates Kafka clients from the configuration and checks, with a deadline, that the cluster answers. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** An admin client whose calls give up after the configured connect timeout. */
    public static Admin admin(CoopwatchConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 30_000));
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "coopwatch-admin");
        try {
            return Admin.create(props);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new CliException("cannot create a Kafka client for " + config.bootstrapServersOrDefault()
                    + ": " + rootMessage(e), e);
        }
    }

    /**
     * Waits at most the configured connect timeout for the cluster to answer and returns its brokers;
     * an unreachable cluster becomes one clear message instead of endless retries.
     */
    public static Collection<Node> awaitCluster(Admin admin, CoopwatchConfig config) {
        Duration timeout = config.connectTimeout();
        String where = config.bootstrapServersOrDefault();
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while connecting to Kafka at " + where, e);
        } catch (TimeoutException e) {
            throw unreachable(where, timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(where, timeout, cause);
            }
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw new CliException("Kafka at " + where + " refused us: " + rootMessage(cause)
                        + " (check the kafka.security.protocol / sasl.* / ssl.* settings)", cause);
            }
            throw new CliException("cannot talk to Kafka at " + where + ": " + rootMessage(cause), cause);
        }
    }

    private static CliException unreachable(String where, Duration timeout, Throwable cause) {
        return new CliException("cannot reach Kafka at " + where + " within " + human(timeout)
                + ". Is a broker running there? 'coopwatch broker' starts one locally; "
                + "--bootstrap-servers or COOPWATCH_BOOTSTRAP_SERVERS points elsewhere.", cause);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
