package org.coopwatch.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.coopwatch.avro.RawArticle;

/**
 * The raw-articles topic takes Avro from our producer and a plain JSON object from any other
 * client (kcat, scripts). Anything else fails with a reason, which sends it to the DLQ.
 */
public final class RawArticleSerde extends AvroSerde<RawArticle> {

    public RawArticleSerde() {
        super(RawArticle.class);
    }

    @Override
    public RawArticle decode(byte[] data) {
        if (data == null) return null;
        if (isSingleObject(data)) return super.decode(data);
        int i = 0;
        // skip a UTF-8 BOM and leading whitespace before deciding it is JSON
        if (data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF) i = 3;
        while (i < data.length && Character.isWhitespace(data[i])) i++;
        if (i < data.length && data[i] == '{') return JsonArticles.parse(data);
        throw new SerializationException("raw article is neither Avro single-object encoded nor a JSON object ("
                + data.length + " bytes, first byte 0x" + (data.length == 0 ? "--" : String.format("%02x", data[0])) + ")");
    }

    @Override
    public Deserializer<RawArticle> deserializer() {
        return (topic, data) -> decode(data);
    }
}
