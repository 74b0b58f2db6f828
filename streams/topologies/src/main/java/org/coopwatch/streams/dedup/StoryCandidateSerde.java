package org.coopwatch.streams.dedup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.schemas.serde.AvroSerde;

/**
 * The index topic's values: a version byte, the identity and fingerprint fields, then each event in the
 * events topic's own encoding (single-object Avro, so a schema change of the event travels with it).
 */
public final class StoryCandidateSerde implements Serde<StoryCandidate> {

    private static final byte VERSION = 1;
    private final AvroSerde<CooperationEvent> events = new AvroSerde<>(CooperationEvent.class);

    @Override
    public Serializer<StoryCandidate> serializer() {
        return (topic, c) -> c == null ? null : encode(c);
    }

    @Override
    public Deserializer<StoryCandidate> deserializer() {
        return (topic, data) -> data == null ? null : decode(data);
    }

    byte[] encode(StoryCandidate c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 512 * c.events().size());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            string(out, c.articleId());
            string(out, c.canonicalUrl());
            string(out, c.sourceKey());
            string(out, c.textHash());
            int[] sig = c.signature();
            out.writeInt(sig == null ? -1 : sig.length);
            if (sig != null) for (int v : sig) out.writeInt(v);
            out.writeInt(c.events().size());
            for (CooperationEvent e : c.events()) {
                byte[] b = events.encode(e);
                out.writeInt(b.length);
                out.write(b);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write story candidate " + c.articleId(), e);
        }
    }

    StoryCandidate decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte v = in.readByte();
            if (v != VERSION) throw new SerializationException("story candidate of unknown version " + v);
            String id = string(in);
            String url = string(in);
            String source = string(in);
            String hash = string(in);
            int n = in.readInt();
            int[] sig = null;
            if (n >= 0) {
                sig = new int[n];
                for (int i = 0; i < n; i++) sig[i] = in.readInt();
            }
            int count = in.readInt();
            List<CooperationEvent> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                list.add(events.decode(b));
            }
            return new StoryCandidate(id, url, source, hash, sig, list);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) throw se;
            throw new SerializationException("cannot read story candidate (" + data.length + " bytes): " + e, e);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
