package org.coopwatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.coopwatch.broker.EmbeddedKafka;
import picocli.CommandLine;

/** {@code coopwatch --version}: our version, the Kafka it embeds and the Java it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "coopwatch " + version(),
            "Apache Kafka " + EmbeddedKafka.kafkaVersion() + " (clients, Streams, embedded KRaft broker)",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/coopwatch/app/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
