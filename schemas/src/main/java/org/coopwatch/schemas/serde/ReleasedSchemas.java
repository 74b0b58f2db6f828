package org.coopwatch.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.RawArticle;

/**
 * Every schema version coopwatch has ever released, by its CRC-64-AVRO fingerprint: the current
 * generated classes plus the older versions kept under {@code org/coopwatch/schemas/history/}.
 * Single-object encoded records carry the writer's fingerprint, so any released writer can be
 * resolved against today's reader without a registry.
 */
public final class ReleasedSchemas implements SchemaStore {

    /** Older versions, listed explicitly because a jar's resource folder cannot be enumerated. */
    static final List<String> HISTORY = List.of("RawArticle-v1.avsc", "CooperationEvent-v1.avsc", "Alert-v1.avsc");

    private static final ReleasedSchemas INSTANCE = new ReleasedSchemas();

    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

    private ReleasedSchemas() {
        for (Schema s : List.of(RawArticle.getClassSchema(), EnrichedArticle.getClassSchema(),
                CooperationEvent.getClassSchema(), Alert.getClassSchema(), Aggregate.getClassSchema())) {
            add(s);
        }
        for (String file : HISTORY) {
            add(load("/org/coopwatch/schemas/history/" + file));
        }
    }

    public static ReleasedSchemas get() {
        return INSTANCE;
    }

    private void add(Schema schema) {
        byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
    }

    private static Schema load(String resource) {
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing released schema " + resource);
            return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    public Collection<Schema> all() {
        return List.copyOf(byFingerprint.values());
    }
}
