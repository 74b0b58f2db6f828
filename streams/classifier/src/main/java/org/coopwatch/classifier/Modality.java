package org.coopwatch.classifier;

/** How the article asserts an interaction; anything but ASSERTED lowers confidence. */
public enum Modality {
    ASSERTED, NEGATED, HYPOTHETICAL, REPORTED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
