package org.coopwatch.producer;

import java.nio.file.Path;
import org.coopwatch.broker.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real embedded broker per IT class: started before the class's first test, closed after its last.
 * The field is shared by the subclasses, which is safe because test classes run one after another
 * (JUnit's default; this module configures no parallel execution).
 */
public abstract class BrokerFixture {

    @TempDir
    static Path brokerDir;

    protected static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(brokerDir, 0);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) kafka.close();
    }
}
