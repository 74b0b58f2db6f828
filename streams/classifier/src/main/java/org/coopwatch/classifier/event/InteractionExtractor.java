package org.coopwatch.classifier.event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.Modality;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.classifier.Sector;
import org.coopwatch.classifier.data.Term;
import org.coopwatch.classifier.entity.Mention;
import org.coopwatch.classifier.match.Match;
import org.coopwatch.classifier.match.Matches;
import org.coopwatch.classifier.text.NormalizedText;

/**
 * Typed interactions between pairs of countries. Per sentence, each trigger word (lexicon/triggers)
 * takes the two nearest countries (or their agents) as its pair; "both sides"/"दोनों देशों"/"обе
 * стороны" refer back to the article's dominant pair. Case markers (ने/को/पर, by, против) decide
 * direction. Sectors come from the evidence sentence and the sentences that continue talking about
 * the same pair. One interaction per (unordered pair, type): the best-evidenced one.
 */
public final class InteractionExtractor {
    /** Types whose direction carries no meaning; "both sides" may only resolve to these. */
    private static final Set<PloverType> SYMMETRIC = EnumSet.of(PloverType.AGREE, PloverType.CONSULT, PloverType.COOPERATE);
    /** A mention farther than this (chars) from its trigger does not take part. */
    static final int MAX_DISTANCE = 160;
    /** Sentences after the last pair-bearing one that still inherit its topic. */
    static final int CARRY_OVER = 2;
    private static final Set<String> CONNECTORS = Set.of("और", "एवं", "तथा", "व", "and", "&", "of", "the", "for", "и", "по", "делам", "के", "की", "का");

    public record Sentence(int start, int end) {}

    /** An unordered pair kept as sorted codes. */
    record Pair(String a, String b) {
        static Pair of(String x, String y) {
            return x.compareTo(y) <= 0 ? new Pair(x, y) : new Pair(y, x);
        }

        boolean has(String c) {
            return a.equals(c) || b.equals(c);
        }
    }

    private record Candidate(String source, String target, PloverType type, double confidence, Modality modality,
                             int sentence, int triggerStart) {}

    public List<Analysis.Interaction> extract(NormalizedText text, List<Sentence> sentences, Matches matches,
                                              List<Mention> actors, String language) {
        boolean[] maskedSector = maskInstitutionSectors(text, matches);
        Map<Pair, Integer> pairCount = new HashMap<>();
        Map<Pair, Integer> pairLastSeen = new HashMap<>();
        Map<Pair, Set<Sector>> pairSectors = new HashMap<>();
        Map<String, Candidate> best = new LinkedHashMap<>();
        Pair dominant = null;
        int lastPairSentence = -100;

        int ai = 0, ti = 0, si = 0, ci = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sen = sentences.get(s);
            List<Mention> sActors = new ArrayList<>();
            while (ai < actors.size() && actors.get(ai).start() < sen.start()) ai++;
            for (int k = ai; k < actors.size() && actors.get(k).start() < sen.end(); k++) sActors.add(actors.get(k));
            List<Match> sTriggers = within(matches.triggers, sen);
            List<Match> sBoth = new ArrayList<>();
            List<Match> sRoles = new ArrayList<>();
            for (Match c : within(matches.cues, sen)) {
                if (c.term().kind() == Term.Kind.BOTH) sBoth.add(c);
                else sRoles.add(c);
            }
            Set<Sector> sSectors = EnumSet.noneOf(Sector.class);
            for (int k = 0; k < matches.sectors.size(); k++) {
                Match m = matches.sectors.get(k);
                if (m.start() >= sen.start() && m.end() <= sen.end() && !maskedSector[k]) sSectors.add(Sector.fromId(m.term().value()));
            }
            Set<String> explicit = new LinkedHashSet<>();
            for (Mention m : sActors) explicit.add(m.country());

            Set<Pair> pairsHere = new LinkedHashSet<>();
            if (explicit.size() == 2) {
                String[] two = explicit.toArray(new String[0]);
                pairsHere.add(Pair.of(two[0], two[1]));
            }
            for (Match t : sTriggers) {
                PloverType type = PloverType.valueOf(t.term().value());
                Candidate c = resolve(text, t, type, sActors, sBoth, sRoles, dominant, s, language,
                        within(matches.modality, sen), sen);
                if (c == null) continue;
                Pair p = Pair.of(c.source, c.target);
                pairsHere.add(p);
                String key = p.a + "-" + p.b + "-" + type;
                Candidate old = best.get(key);
                if (old == null || c.confidence > old.confidence) best.put(key, c);
            }
            if (!sBoth.isEmpty() && dominant != null) pairsHere.add(dominant);
            if (!pairsHere.isEmpty()) {
                for (Pair p : pairsHere) {
                    pairCount.merge(p, 1, Integer::sum);
                    pairLastSeen.put(p, s);
                    pairSectors.computeIfAbsent(p, k -> EnumSet.noneOf(Sector.class)).addAll(sSectors);
                }
                lastPairSentence = s;
            } else if (dominant != null && s - lastPairSentence <= CARRY_OVER
                    && (explicit.isEmpty() || (explicit.size() == 1 && dominant.has(explicit.iterator().next())))) {
                pairSectors.computeIfAbsent(dominant, k -> EnumSet.noneOf(Sector.class)).addAll(sSectors);
                lastPairSentence = s; // a sentence that names no other country continues the topic
            }
            // the dominant pair: most sentences so far, the latest on ties
            for (Map.Entry<Pair, Integer> e : pairCount.entrySet()) {
                if (dominant == null || e.getValue() > pairCount.get(dominant)
                        || (e.getValue().equals(pairCount.get(dominant)) && pairLastSeen.get(e.getKey()) > pairLastSeen.get(dominant))) {
                    dominant = e.getKey();
                }
            }
        }

        List<Candidate> chosen = new ArrayList<>(best.values());
        chosen.sort(Comparator.comparingInt((Candidate c) -> c.sentence).thenComparingInt(c -> c.triggerStart));
        List<Analysis.Interaction> out = new ArrayList<>();
        for (Candidate c : chosen) {
            Pair p = Pair.of(c.source, c.target);
            List<String> sectors = new ArrayList<>();
            for (Sector sec : new TreeSet<>(pairSectors.getOrDefault(p, Set.of()))) sectors.add(sec.id());
            Sentence sen = sentences.get(c.sentence);
            int os = text.originalStart(sen.start()), oe = text.originalEnd(sen.end());
            String source = c.source, target = c.target;
            if (SYMMETRIC.contains(c.type) && source.compareTo(target) > 0) { String x = source; source = target; target = x; }
            out.add(new Analysis.Interaction(source, target, c.type, List.copyOf(sectors), round(c.confidence), c.modality,
                    new Analysis.Evidence(text.original.substring(os, oe), os, oe)));
        }
        return out;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static List<Match> within(List<Match> ms, Sentence s) {
        List<Match> out = new ArrayList<>();
        for (Match m : ms) {
            if (m.start() >= s.end()) break;
            if (m.start() >= s.start()) out.add(m);
        }
        return out;
    }

    private static int distance(int s, int e, Match t) {
        if (e <= t.start()) return t.start() - e;
        if (s >= t.end()) return s - t.end();
        return 0;
    }

    private Candidate resolve(NormalizedText text, Match t, PloverType type, List<Mention> actors, List<Match> both,
                              List<Match> roles, Pair dominant, int sentence, String language, List<Match> modality, Sentence sen) {
        // nearest mention per country
        Map<String, Mention> nearest = new LinkedHashMap<>();
        for (Mention m : actors) {
            int d = distance(m.start(), m.end(), t);
            if (d > MAX_DISTANCE) continue;
            Mention old = nearest.get(m.country());
            if (old == null || d < distance(old.start(), old.end(), t)) nearest.put(m.country(), m);
        }
        List<Mention> ranked = new ArrayList<>(nearest.values());
        ranked.sort(Comparator.comparingInt((Mention m) -> distance(m.start(), m.end(), t)));
        int dBoth = Integer.MAX_VALUE;
        for (Match b : both) dBoth = Math.min(dBoth, distance(b.start(), b.end(), t));

        String source, target;
        double conf;
        if (ranked.size() >= 2 && !(dominant != null && dBoth < distance(ranked.get(1).start(), ranked.get(1).end(), t))) {
            Mention a = ranked.get(0), b = ranked.get(1);
            Mention src = direct(text, a, b, actors, roles, t);
            Mention dst = src == a ? b : a;
            source = src.country();
            target = dst.country();
            int far = Math.max(distance(a.start(), a.end(), t), distance(b.start(), b.end(), t));
            conf = 0.75 + (far <= 60 ? 0.1 : 0) + (ranked.size() == 2 ? 0.05 : 0);
        } else if (dominant != null && dBoth <= MAX_DISTANCE) {
            if (!SYMMETRIC.contains(type)) return null; // "both sides welcomed X" is not support of each other
            source = dominant.a;
            target = dominant.b;
            conf = 0.7;
        } else {
            return null;
        }
        if (source.equals(target)) return null;
        Modality mod = modality(t, modality, sen);
        if (mod != Modality.ASSERTED) conf *= 0.5;
        return new Candidate(source, target, type, Math.min(1.0, conf), mod, sentence, t.start());
    }

    /** Which of the two mentions is the actor: case markers first, else the one named first. */
    private static Mention direct(NormalizedText text, Mention a, Mention b, List<Mention> actors, List<Match> roles, Match t) {
        int ra = role(text, a, actors, roles), rb = role(text, b, actors, roles);
        if (ra < 0 && rb >= 0) return b;
        if (rb < 0 && ra >= 0) return a;
        if (ra > 0 && rb <= 0) return a;
        if (rb > 0 && ra <= 0) return b;
        return a.start() <= b.start() ? a : b;
    }

    /** +1 marked as source, -1 as target, 0 unmarked; looks at every mention of the country. */
    private static int role(NormalizedText text, Mention m, List<Mention> actors, List<Match> roles) {
        int best = 0;
        for (Mention x : actors) {
            if (!x.country().equals(m.country())) continue;
            for (Match r : roles) {
                Term.Kind k = r.term().kind();
                boolean after = (k == Term.Kind.TARGET_AFTER || k == Term.Kind.SOURCE_AFTER)
                        && r.start() >= x.end() && r.start() - x.end() <= 3 && text.lower.substring(x.end(), r.start()).isBlank();
                boolean before = (k == Term.Kind.TARGET_BEFORE || k == Term.Kind.SOURCE_BEFORE)
                        && r.end() <= x.start() && x.start() - r.end() <= 3 && text.lower.substring(r.end(), x.start()).isBlank();
                if (!after && !before) continue;
                int v = (k == Term.Kind.SOURCE_AFTER || k == Term.Kind.SOURCE_BEFORE) ? 1 : -1;
                if (x == m) return v; // the nearest mention's own marker decides
                if (best == 0) best = v;
            }
        }
        return best;
    }

    /** Negation right around the trigger; hypothesis or hearsay anywhere before it in the sentence. */
    private static Modality modality(Match t, List<Match> cues, Sentence sen) {
        Modality found = Modality.ASSERTED;
        for (Match c : cues) {
            Modality m = Modality.valueOf(c.term().value());
            if (m == Modality.NEGATED) {
                boolean near = (c.start() >= t.end() && c.start() - t.end() <= 25) || (c.end() <= t.start() && t.start() - c.end() <= 15);
                if (near) return Modality.NEGATED;
            } else if (c.end() <= t.start() || c.start() >= t.end() && c.start() - t.end() <= 30) {
                found = m;
            }
        }
        return found;
    }

    /**
     * Sector words that are part of an institution's name ("वाणिज्य एवं उद्योग मंत्रालय", "Ministry
     * of Commerce and Industry") describe the body, not what the interaction is about.
     */
    private static boolean[] maskInstitutionSectors(NormalizedText text, Matches matches) {
        List<Match> sec = matches.sectors;
        boolean[] masked = new boolean[sec.size()];
        for (Match inst : matches.cues) {
            if (inst.term().kind() != Term.Kind.INSTITUTION) continue;
            // backwards: sector words and connectors right before the head
            int edge = inst.start();
            for (int k = sec.size() - 1; k >= 0; k--) {
                Match m = sec.get(k);
                if (m.end() > edge) continue;
                if (!onlyConnectors(text.lower.substring(m.end(), edge))) break;
                masked[k] = true;
                edge = m.start();
            }
            // forwards: "Ministry of Commerce and Industry", "министерство промышленности и торговли"
            edge = inst.end();
            for (int k = 0; k < sec.size(); k++) {
                Match m = sec.get(k);
                if (m.start() < edge) continue;
                if (!onlyConnectors(text.lower.substring(edge, m.start()))) break;
                masked[k] = true;
                edge = m.end();
            }
        }
        return masked;
    }

    private static boolean onlyConnectors(String gap) {
        if (gap.length() > 12) return false;
        for (String w : gap.split("[\\s,]+")) {
            if (!w.isEmpty() && !CONNECTORS.contains(w)) return false;
        }
        return true;
    }
}
