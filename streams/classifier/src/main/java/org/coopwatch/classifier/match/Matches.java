package org.coopwatch.classifier.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.coopwatch.classifier.data.Term;

/** Per-article view of the dictionary hits, grouped and overlap-resolved by purpose. */
public final class Matches {
    /** Entity hits: longest span wins, every term on a winning span kept; NOT_ENTITY spans dropped. */
    public final List<Match> entities;
    public final List<Match> titles;   // TITLE and RANK, longest wins
    public final List<Match> triggers; // longest wins
    public final List<Match> sectors;
    public final List<Match> modality;
    public final List<Match> cues;     // BOTH, TARGET_*, SOURCE_*, INSTITUTION, COMPANY, ...
    public final List<Match> nameStops; // every non-entity hit, for ending names
    /** The longest target preposition found in this text, bounding {@link #triggerJustBefore}'s search. */
    private final int longestTargetCue;
    private final boolean[] lexStart; // a lexicon (non-entity) hit starts here

    public Matches(List<Match> all, int textLength) {
        entities = longestWins(all, m -> m.term().kind().isEntity(), true);
        // a NOT_ENTITY form silences every entity reading of its span
        List<Match> blocked = select(entities, m -> m.term().kind() == Term.Kind.NOT_ENTITY);
        entities.removeIf(m -> m.term().kind() == Term.Kind.NOT_ENTITY
                || blocked.stream().anyMatch(b -> b.start() == m.start() && b.end() == m.end()));
        titles = longestWins(all, m -> m.term().kind() == Term.Kind.TITLE || m.term().kind() == Term.Kind.RANK, false);
        List<Match> trig = longestWins(all, m -> m.term().kind() == Term.Kind.TRIGGER || m.term().kind() == Term.Kind.NOT_TRIGGER, true);
        // a trigger word inside a name ("उत्तर अटलांटिक संधि संगठन", "Treaty Organization") is no event
        trig.removeIf(m -> m.term().kind() == Term.Kind.NOT_TRIGGER || insideEntity(m));
        triggers = trig;
        // "परमाणु हथियार" is defence, not also energy: a longer sector form hides the shorter ones inside it
        sectors = longestWins(all, m -> m.term().kind() == Term.Kind.SECTOR, true);
        modality = select(all, m -> m.term().kind() == Term.Kind.MODALITY);
        cues = select(all, m -> switch (m.term().kind()) {
            case BOTH, TARGET_AFTER, TARGET_BEFORE, SOURCE_AFTER, SOURCE_BEFORE, INSTITUTION, GOVERNMENT_VERB, PRONOUN, BETWEEN, COMPANY, CONDITION, ANAPHOR, LOCATIVE_AFTER, LOCATIVE_BEFORE, NON_STATE, MISSION, AGAINST, RELATIVE -> true;
            default -> false;
        });
        nameStops = select(all, m -> !m.term().kind().isEntity());
        int longest = 0;
        for (Match c : cues) if (c.term().kind() == Term.Kind.TARGET_BEFORE) longest = Math.max(longest, c.length());
        longestTargetCue = longest;
        lexStart = new boolean[textLength + 1];
        for (Match m : nameStops) lexStart[m.start()] = true;
    }

    private boolean insideEntity(Match t) {
        for (Match e : entities) {
            if (e.start() > t.start()) break;
            if (e.start() <= t.start() && e.end() >= t.end() && e.length() > t.length()) return true;
        }
        return false;
    }

    /** True when a cue of this kind starts within a few spaces after {@code offset}. */
    public boolean cueAfter(Term.Kind kind, int offset, NormalizedTextView text) {
        for (Match c : cues) {
            if (c.start() < offset) continue;
            if (c.start() - offset > 3) break;
            if (c.term().kind() == kind && text.blank(offset, c.start())) return true;
        }
        return false;
    }

    /**
     * True when a trigger ends just before {@code offset}: with only blank text between ("accused Moscow"), or a
     * target preposition ("solidarity with Warsaw", "sanctions against Moscow", "переговоры с Москвой").
     */
    public boolean triggerJustBefore(int offset, NormalizedTextView text) {
        for (Match t : triggers) {
            if (t.end() > offset) break;
            if (offset - t.end() > 6 + longestTargetCue) continue; // too far for either form
            if (offset - t.end() <= 3 && text.blank(t.end(), offset)) return true;
            for (Match c : cues) {
                if (c.start() > offset) break;
                if (c.start() < t.end() || c.term().kind() != Term.Kind.TARGET_BEFORE || c.end() > offset) continue;
                if (c.start() - t.end() <= 3 && offset - c.end() <= 3 && text.blank(t.end(), c.start()) && text.blank(c.end(), offset)) {
                    return true;
                }
            }
        }
        return false;
    }


    /** The little a cue lookup needs to know about the text. */
    public interface NormalizedTextView {
        boolean blank(int from, int to);
    }

    /** True when some lexicon word (trigger, title, sector, stop word...) starts at this offset. */
    public boolean lexiconWordAt(int offset) {
        return offset >= 0 && offset < lexStart.length && lexStart[offset];
    }

    private static List<Match> select(List<Match> all, Predicate<Match> p) {
        List<Match> out = new ArrayList<>();
        for (Match m : all) if (p.test(m)) out.add(m);
        out.sort(Comparator.comparingInt(Match::start));
        return out;
    }

    /**
     * Greedy longest-first overlap resolution. With {@code keepSameSpan} all terms sharing a winning
     * span stay (e.g. "Georgia" as country and as US state).
     */
    static List<Match> longestWins(List<Match> all, Predicate<Match> p, boolean keepSameSpan) {
        List<Match> cands = select(all, p);
        cands.sort(Comparator.comparingInt((Match m) -> -m.length()).thenComparingInt(Match::start));
        List<Match> kept = new ArrayList<>();
        for (Match m : cands) {
            boolean ok = true;
            for (Match k : kept) {
                if (k.overlaps(m) && !(keepSameSpan && k.start() == m.start() && k.end() == m.end())) { ok = false; break; }
            }
            if (ok) kept.add(m);
        }
        kept.sort(Comparator.comparingInt(Match::start));
        return kept;
    }
}
