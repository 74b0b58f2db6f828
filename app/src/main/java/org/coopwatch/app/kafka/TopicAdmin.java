package org.coopwatch.app.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.schemas.topic.TopicNames;

/**
 * Creates coopwatch's topics when they are missing and reports the ones that exist with another shape.
 * It never changes an existing topic: adding partitions to a keyed topic moves keys between partitions,
 * which is a decision for an operator, not a side effect of starting a program.
 */
public final class TopicAdmin {

    /** What a topic should look like. */
    public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    }

    /** What a topic looks like after {@link #ensure}: created now, or found (and how it differs). */
    public record TopicState(String name, int partitions, int replicationFactor, boolean created, String difference) {
        public boolean matches() {
            return difference == null;
        }
    }

    private static final long THIRTY_DAYS_MS = Duration.ofDays(30).toMillis();

    private final Admin admin;
    private final Duration timeout;

    public TopicAdmin(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * The topics coopwatch needs, shaped by the configuration. Without an explicit replication factor,
     * topics get min(3, brokers) replicas: 1 on the embedded broker, 3 on a production cluster.
     */
    public static List<TopicSpec> specs(CoopwatchConfig config, int brokers) {
        int partitions = config.partitions();
        short replication = (short) config.replicationFactor().orElse(Math.max(1, Math.min(3, brokers)));
        if (replication > brokers && brokers > 0) {
            throw new CliException("topic.replication.factor is " + replication + " but the cluster has only "
                    + brokers + " broker" + (brokers == 1 ? "" : "s"));
        }
        TopicNames names = config.topicNames();
        List<TopicSpec> specs = new ArrayList<>();
        for (String name : names.all()) {
            Map<String, String> configs = new LinkedHashMap<>();
            if (replication >= 3) {
                // acks=all then survives one broker down and refuses writes that only one copy would hold
                configs.put("min.insync.replicas", "2");
            }
            if (name.equals(names.raw()) || name.equals(names.dlq())) {
                // the inputs and the failures: kept long enough to reprocess after a fix
                configs.put("retention.ms", String.valueOf(THIRTY_DAYS_MS));
                // as large as the producer may send (long articles); the DLQ gets raw records byte for byte
                configs.put("max.message.bytes", String.valueOf(ArticlePublisher.DEFAULT_MAX_REQUEST_SIZE));
            }
            specs.add(new TopicSpec(name, partitions, replication, Map.copyOf(configs)));
        }
        return specs;
    }

    /** The number of live brokers. */
    public int brokerCount() {
        return describeClusterSize();
    }

    /** Creates the missing topics and describes all of them, in the order given. */
    public List<TopicState> ensure(List<TopicSpec> specs) {
        Set<String> existing = listTopics();
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                        .configs(spec.configs()));
            }
        }
        Set<String> created = new TreeSet<>();
        if (!missing.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(missing,
                    new CreateTopicsOptions().timeoutMs((int) timeout.toMillis()));
            for (NewTopic topic : missing) {
                try {
                    result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) { // created meanwhile by another instance
                        throw new CliException("cannot create topic " + topic.name() + ": "
                                + KafkaClients.rootMessage(e.getCause()), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new CliException("creating topic " + topic.name() + " took longer than "
                            + KafkaClients.human(timeout), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException("interrupted while creating topics", e);
                }
            }
        }
        Map<String, TopicDescription> described = describe(specs.stream().map(TopicSpec::name).toList());
        List<TopicState> states = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicDescription d = described.get(spec.name());
            int partitions = d.partitions().size();
            int replicas = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            List<String> diffs = new ArrayList<>();
            if (partitions != spec.partitions()) {
                diffs.add(partitions + " partitions, configured " + spec.partitions());
            }
            if (replicas != spec.replicationFactor()) {
                diffs.add(replicas + " replicas, configured " + spec.replicationFactor());
            }
            states.add(new TopicState(spec.name(), partitions, replicas, created.contains(spec.name()),
                    diffs.isEmpty() ? null : String.join("; ", diffs)));
        }
        return states;
    }

    /** Fails with the names of the topics that do not exist. */
    public void requireExisting(Collection<String> names) {
        Set<String> existing = listTopics();
        List<String> missing = names.stream().filter(n -> !existing.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new CliException("missing topic" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + ": create them with 'coopwatch topics' (or let 'coopwatch run' / 'coopwatch broker' do it)");
        }
    }

    private Set<String> listTopics() {
        try {
            return new TreeSet<>(admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .names().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("cannot list topics: " + KafkaClients.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while listing topics", e);
        }
    }

    /**
     * Describes the topics, waiting (within the timeout) for ones just created: the broker that answers
     * may learn about a new topic a moment after the controller confirmed it.
     */
    private Map<String, TopicDescription> describe(Collection<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                        .allTopicNames().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new CliException("cannot describe topics " + names + ": " + KafkaClients.rootMessage(e), e);
                }
            } catch (TimeoutException e) {
                throw new CliException("cannot describe topics " + names + ": " + KafkaClients.rootMessage(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while describing topics", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while describing topics", e);
            }
        }
    }

    private int describeClusterSize() {
        try {
            return admin.describeCluster().nodes().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).size();
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("cannot describe the Kafka cluster: " + KafkaClients.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while describing the cluster", e);
        }
    }
}
