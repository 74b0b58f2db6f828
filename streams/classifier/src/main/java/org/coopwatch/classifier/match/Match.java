package org.coopwatch.classifier.match;

import org.coopwatch.classifier.data.Term;

/** A dictionary hit: the term and its [start, end) span in the normalised text. */
public record Match(Term term, int start, int end) {
    public int length() {
        return end - start;
    }

    public boolean overlaps(Match o) {
        return start < o.end && o.start < end;
    }
}
