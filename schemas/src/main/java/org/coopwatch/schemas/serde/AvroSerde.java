package org.coopwatch.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (marker C3 01, 8-byte schema fingerprint, binary body). Readers
 * resolve any writer version in {@link ReleasedSchemas} to the generated class's schema.
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(Class<T> type) {
        this.type = type;
        Schema schema = SpecificData.get().getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
        this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema, ReleasedSchemas.get());
    }

    /** True when the bytes start with the single-object encoding marker. */
    public static boolean isSingleObject(byte[] data) {
        return data != null && data.length >= 10 && (data[0] & 0xFF) == 0xC3 && data[1] == 0x01;
    }

    public byte[] encode(T value) {
        try {
            ByteBuffer buf = encoder.encode(value);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T decode(byte[] data) {
        if (data == null) return null;
        try {
            return decoder.decode(data);
        } catch (MissingSchemaException e) {
            throw new SerializationException("unknown " + type.getSimpleName()
                    + " schema fingerprint: not a released coopwatch schema", e);
        } catch (BadHeaderException e) {
            throw new SerializationException("not Avro single-object encoded " + type.getSimpleName()
                    + " (bad header)", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("corrupt " + type.getSimpleName() + " record ("
                    + data.length + " bytes): " + e, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> decode(data);
    }
}
