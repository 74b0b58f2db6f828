package org.coopwatch.schemas.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic's name together with the serdes of its keys and values, so no operator guesses a serde. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) throw new IllegalArgumentException("topic name must not be blank");
    }

    @Override
    public String toString() {
        return name;
    }
}
