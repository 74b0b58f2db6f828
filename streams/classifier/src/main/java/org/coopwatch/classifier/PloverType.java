package org.coopwatch.classifier;

/** The 16 PLOVER interaction types of docs/event-model.md, with their CAMEO root codes. */
public enum PloverType {
    AGREE("03", true),
    CONSULT("04", true),
    SUPPORT("05", true),
    CONCEDE("08", true),
    COOPERATE("06", true),
    AID("07", true),
    RETREAT("087", false),
    REQUEST("02", false),
    ACCUSE("11", false),
    REJECT("12", false),
    THREATEN("13", false),
    PROTEST("14", false),
    SANCTION("16", false),
    MOBILIZE("15", false),
    COERCE("17", false),
    ASSAULT("18", false);

    private final String cameo;
    private final boolean cooperative;

    PloverType(String cameo, boolean cooperative) {
        this.cameo = cameo;
        this.cooperative = cooperative;
    }

    public String cameo() {
        return cameo;
    }

    public boolean cooperative() {
        return cooperative;
    }
}
