package org.coopwatch.schemas.serde;

import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;

/** Renders a record as one line of plain JSON (unions unwrapped), for people and for JSON Lines. */
public final class AvroJson {

    private AvroJson() {}

    public static String toJson(SpecificRecord record) {
        return GenericData.get().toString(record);
    }
}
