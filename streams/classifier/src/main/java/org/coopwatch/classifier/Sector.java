package org.coopwatch.classifier;

import java.util.Locale;

/** The 14 sectors of docs/event-model.md; {@link #id()} is the contract spelling. */
public enum Sector {
    DEFENCE, AEROSPACE, SPACE, ENERGY, MINING_METALS, AGRICULTURE, TRANSPORT, MANUFACTURING,
    TECHNOLOGY, TRADE, FINANCE, HEALTH, ENVIRONMENT, EDUCATION_CULTURE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Sector fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
