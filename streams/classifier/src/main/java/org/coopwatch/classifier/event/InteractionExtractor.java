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
import org.coopwatch.classifier.text.Chars;
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
    /**
     * Hindi genitive postpositions: a second juxtaposed country that takes one is an actor of its own. The feminine
     * "की" is left out: folded, it is the complementiser "कि" ("भारत पाकिस्तान कि ..."), which marks no actor.
     */
    private static final Set<String> GENITIVE = folded("के", "का");
    private static final Set<String> CONNECTORS = folded("और", "एवं", "तथा", "व", "and", "&", "of", "the", "for", "и", "по", "делам", "के", "की", "का");

    /** Word lists compared against normalised text must be normalised the same way. */
    private static Set<String> folded(String... words) {
        org.coopwatch.classifier.text.TextNormalizer n = org.coopwatch.classifier.text.TextNormalizer.withoutVariants();
        Set<String> out = new java.util.HashSet<>();
        for (String w : words) out.add(n.normalizeForm(w));
        return Set.copyOf(out);
    }

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
                             int sentence, int triggerStart, boolean specific) {
        Candidate withConfidence(double c) {
            return new Candidate(source, target, type, c, modality, sentence, triggerStart, specific);
        }
    }

    /**
     * The better evidence for one (pair, type): among reportable statements of the same modality, a specific
     * trigger ("संयुक्त विकास", "technology transfer", "signed") beats a generic one ("सहयोग", "cooperation")
     * however early or confident that was; otherwise the more confident, then the earlier.
     */
    static boolean better(double conf, Modality mod, boolean specific, double oldConf, Modality oldMod, boolean oldSpecific) {
        boolean ok = conf >= MIN_CONFIDENCE, oldOk = oldConf >= MIN_CONFIDENCE;
        if (ok && oldOk && mod == oldMod && specific != oldSpecific) return specific;
        return conf > oldConf;
    }

    public List<Analysis.Interaction> extract(NormalizedText text, List<Sentence> sentences, Matches matches,
                                              List<Mention> actors) {
        boolean[] maskedSector = maskInstitutionSectors(text, matches, actors);
        // where a country's own name stands ("इराक", not "इराकी" or "भारतीय रेलवे"): only a name can be a scene
        // bodies that belong to no country (NATO, the UN, the EU): speakers who are no country
        List<Match> blocs = new ArrayList<>();
        for (Match e : matches.entities) {
            if (e.term().kind() == Term.Kind.ORG && e.term().country() == null) blocs.add(e);
        }
        // cities and capitals that do not act ("in Tehran", "ढाका में"): where something happens
        List<Match> scenes = new ArrayList<>();
        for (Match e : matches.entities) {
            Term.Kind k = e.term().kind();
            if ((k == Term.Kind.PLACE || k == Term.Kind.COUNTRY && "capital".equals(e.term().detail())) && e.term().countryRef() != null) {
                scenes.add(e);
            }
        }
        Set<Integer> countryNames = new java.util.HashSet<>();
        for (Match e : matches.entities) {
            if (e.term().kind() == Term.Kind.COUNTRY && SCENE_FORMS.contains(e.term().detail())) countryNames.add(e.start());
        }
        Map<Pair, Integer> pairCount = new HashMap<>();
        Map<Pair, Integer> pairLastSeen = new HashMap<>();
        Map<Pair, Set<Sector>> pairSectors = new HashMap<>();
        Map<String, Candidate> best = new LinkedHashMap<>();
        Pair dominant = null;
        Pair recent = null; // the best-established pair of the latest sentence that had one
        String lastSubject = null;
        int lastPairSentence = -100;

        int ai = 0, si = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sen = sentences.get(s);
            List<Mention> sActors = new ArrayList<>();
            while (ai < actors.size() && actors.get(ai).start() < sen.start()) ai++;
            List<Match> sNonState = new ArrayList<>();
            for (Match c : within(matches.cues, sen)) if (c.term().kind() == Term.Kind.NON_STATE) sNonState.add(c);
            for (int k = ai; k < actors.size() && actors.get(k).start() < sen.end(); k++) {
                if (!qualifiesNonState(text, actors.get(k), sNonState)) sActors.add(actors.get(k));
            }
            List<Match> sBoth = new ArrayList<>();
            List<Match> sRoles = new ArrayList<>();
            List<Match> sPronouns = new ArrayList<>();
            List<Match> sConditions = new ArrayList<>();
            List<Match> sAnaphors = new ArrayList<>();
            for (Match c : within(matches.cues, sen)) {
                switch (c.term().kind()) {
                    case BOTH -> sBoth.add(c);
                    case PRONOUN -> sPronouns.add(c);
                    case CONDITION -> sConditions.add(c);
                    case ANAPHOR -> sAnaphors.add(c);
                    default -> sRoles.add(c);
                }
            }
            List<int[]> conditions = conditionClauses(text, sen, sConditions);
            List<Match> sTriggers = dropConditions(suppressGoverned(text, dropAnaphoric(text, within(matches.triggers, sen), sAnaphors),
                    sActors), conditions);
            Set<Sector> sSectors = EnumSet.noneOf(Sector.class);
            while (si < matches.sectors.size() && matches.sectors.get(si).start() < sen.start()) si++;
            for (int k = si; k < matches.sectors.size() && matches.sectors.get(k).start() < sen.end(); k++) {
                Match m = matches.sectors.get(k);
                if (m.end() <= sen.end() && !maskedSector[k]) sSectors.add(Sector.fromId(m.term().value()));
            }
            Set<String> explicit = new LinkedHashSet<>();
            for (Mention m : sActors) explicit.add(m.country());
            List<Group> groups = groups(text, sActors, end -> caseMarkedAt(text, sRoles, end));
            Context ctx = new Context(text, sActors, groups, sBoth, sRoles, sPronouns, dominant, recent, lastSubject, s,
                    within(matches.modality, sen), sen, conditions, countryNames, within(blocs, sen), within(scenes, sen));

            Set<Pair> pairsHere = new LinkedHashSet<>();
            if (explicit.size() == 2) {
                String[] two = explicit.toArray(new String[0]);
                pairsHere.add(Pair.of(two[0], two[1]));
            }
            String subjectHere = null;
            for (Match t : sTriggers) {
                PloverType type = consequentThreat(PloverType.valueOf(t.term().value()), t, conditions);
                for (Candidate c : resolve(ctx, t, type)) {
                    Pair p = Pair.of(c.source, c.target);
                    pairsHere.add(p);
                    if (subjectHere == null) subjectHere = c.source;
                    String key = p.a + "-" + p.b + "-" + type;
                    Candidate old = best.get(key);
                    if (old == null) best.put(key, c);
                    else if (better(c.confidence, c.modality, c.specific, old.confidence, old.modality, old.specific)) {
                        // the statement is as sure as its surest mention of the same modality
                        best.put(key, c.modality == old.modality ? c.withConfidence(Math.max(c.confidence, old.confidence)) : c);
                    } else if (c.modality == old.modality && c.confidence > old.confidence) {
                        best.put(key, old.withConfidence(c.confidence));
                    }
                }
            }
            for (Match b : sBoth) {
                Pair p = bothPair(ctx, b);
                if (p != null) pairsHere.add(p);
            }
            // the subject that a pronoun in the next sentence may refer to: marked ("भारत ने") or acting
            String marked = markedSubject(text, sActors, sRoles);
            lastSubject = marked != null ? marked : subjectHere;
            if (!pairsHere.isEmpty()) {
                for (Pair p : pairsHere) {
                    pairCount.merge(p, 1, Integer::sum);
                    pairLastSeen.put(p, s);
                    pairSectors.computeIfAbsent(p, k -> EnumSet.noneOf(Sector.class)).addAll(sSectors);
                }
                lastPairSentence = s;
                recent = null;
                for (Pair p : pairsHere) {
                    if (recent == null || pairCount.get(p) > pairCount.get(recent)) recent = p;
                }
            } else if (dominant != null && s - lastPairSentence <= CARRY_OVER // a sentence naming no country goes on about the pair
                    && explicit.isEmpty()) {
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
            if (c.confidence < MIN_CONFIDENCE) continue;
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

    /** Confidence factor for a hypothetical statement ("could sign", "यदि ... तो"). */
    static final double HYPOTHETICAL_FACTOR = 0.6;
    /**
     * Interactions below this confidence are not reported: negated ones never reach it, hypothetical
     * and hearsay ones only with close, explicit evidence (they keep their modality mark).
     */
    public static final double MIN_CONFIDENCE = 0.5;


    /** Per-sentence state that pair resolution looks at. */
    private record Context(NormalizedText text, List<Mention> actors, List<Group> groups, List<Match> both,
                           List<Match> roles, List<Match> pronouns, Pair dominant, Pair recent, String lastSubject, int sentence,
                           List<Match> modality, Sentence sen, List<int[]> conditions, Set<Integer> countryNames,
                           List<Match> blocs, List<Match> scenes) {}

    private static final Set<String> SCENE_FORMS = Set.of("name", "short", "alias", "historic");

    /**
     * Countries named together: "भारत-रूस", "France and Britain", "ईरान और अमेरिका, फ्रांस, जर्मनी ...".
     * Repeated mentions of one country close together ("भारत के प्रधानमंत्री मोदी") stay one group.
     */
    record Group(List<String> countries, List<Mention> mentions, int start, int end) {}

    private static final Set<String> COORDINATORS = folded("और", "तथा", "एवं", "व", "and", "&", "и", "-", "/", "or", "या", "или");

    /** A target case marker ("नेपाल को", "पाकिस्तान पर") or a genitive ("म्यांमार के लोगों") right after {@code end}. */
    private static boolean caseMarkedAt(NormalizedText text, List<Match> roles, int end) {
        int w = end;
        while (w < text.length() && text.lower.charAt(w) == ' ') w++;
        int we = w;
        while (we < text.length() && Chars.isWordChar(text.lower.charAt(we))) we++;
        if (w > end && GENITIVE.contains(text.lower.substring(w, we))) return true;
        for (Match r : roles) {
            if (r.term().kind() == Term.Kind.TARGET_AFTER && r.start() >= end && r.start() - end <= 1
                    && text.lower.substring(end, r.start()).isBlank()) return true;
        }
        return false;
    }

    /**
     * Mentions joined into groups of co-actors: by a coordinating word or a list, or juxtaposed ("भारत नेपाल सीमा") unless
     * the second carries its own case marker ("जापान बांग्लादेश को कर्ज देगा": Japan gives, Bangladesh receives).
     */
    static List<Group> groups(NormalizedText text, List<Mention> mentions, java.util.function.IntPredicate caseMarkedAfter) {
        // 0 = starts a new group, 1 = same country nearby, 2 = comma only, 3 = coordinating word
        int[] link = new int[mentions.size()];
        int ge = -1;
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            if (i > 0) {
                Mention prev = mentions.get(i - 1);
                if (m.start() < ge) link[i] = 1; // overlapping mentions (a person inside a title span)
                else {
                    String gap = text.lower.substring(ge, m.start());
                    if (gap.isBlank() && !prev.country().equals(m.country()) && caseMarkedAfter.test(m.end())) link[i] = 0;
                    else if (coordinating(gap)) link[i] = gap.strip().replace(",", "").isBlank() && gap.contains(",") ? 2 : 3;
                    else if (prev.country().equals(m.country()) && gap.length() <= 30 && gap.indexOf(',') < 0) link[i] = 1;
                }
            }
            ge = i == 0 || link[i] == 0 ? m.end() : Math.max(ge, m.end());
        }
        // a comma joins list items only when a coordinating word closes the list ("A, B and C");
        // "Russia and China, Pakistan backed it" starts a new group at the comma
        boolean closed = false;
        for (int i = mentions.size() - 1; i > 0; i--) {
            if (link[i] == 0) closed = false;
            else if (link[i] == 3) closed = true;
            else if (link[i] == 2 && !closed) link[i] = 0;
        }
        List<Group> out = new ArrayList<>();
        List<String> cs = null;
        List<Mention> ms = null;
        int gs = 0;
        ge = -1;
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            if (i == 0 || link[i] == 0) {
                if (cs != null) out.add(new Group(List.copyOf(cs), List.copyOf(ms), gs, ge));
                cs = new ArrayList<>();
                ms = new ArrayList<>();
                gs = m.start();
                ge = m.end();
            }
            if (!cs.contains(m.country())) cs.add(m.country());
            ms.add(m);
            ge = Math.max(ge, m.end());
        }
        if (cs != null) out.add(new Group(List.copyOf(cs), List.copyOf(ms), gs, ge));
        return out;
    }

    private static boolean coordinating(String gap) {
        String g = gap.strip();
        if (g.isEmpty()) return true;
        if (gap.length() > 12) return false;
        for (String w : g.split("[\\s,]+")) {
            if (!w.isEmpty() && !COORDINATORS.contains(w)) return false;
        }
        return true;
    }

    private static int distance(Group g, Match t) {
        int d = Integer.MAX_VALUE;
        for (Mention m : g.mentions) d = Math.min(d, distance(m.start(), m.end(), t));
        return d;
    }

    private List<Candidate> resolve(Context c, Match t, PloverType type) {
        List<Group> near = new ArrayList<>();
        // troops go to or leave the country they are in; arrests and extraditions are that country's doing
        boolean placeMatters = type == PloverType.MOBILIZE || type == PloverType.RETREAT || type == PloverType.COERCE
                || type == PloverType.ASSAULT;
        for (Group g : c.groups) {
            if (distance(g, t) > MAX_DISTANCE) continue;
            // "इराक में अमरीका के ठिकानों पर", "an attack in Kenya": the scene, not a party
            if (!placeMatters && locative(c, g)) continue;
            if (acrossRelative(c, g, t) || appositive(c, g, t)) continue;
            near.add(g);
        }
        near.sort(Comparator.comparingInt(g -> distance(g, t)));
        int dBoth = Integer.MAX_VALUE;
        Match nearestBoth = null;
        for (Match b : c.both) {
            int d = distance(b.start(), b.end(), t);
            if (d < dBoth) { dBoth = d; nearestBoth = b; }
        }
        // a threat is conditional by nature: its own "if"/"unless" clause does not make it hypothetical
        Modality mod = modality(t, c.modality, type == PloverType.THREATEN ? c.conditions : List.of(), GOVERNING.contains(type));
        List<Candidate> out = new ArrayList<>();
        Group g1 = near.isEmpty() ? null : near.get(0);
        Group g2 = null;
        for (int i = 1; i < near.size() && g1 != null; i++) {
            Group g = near.get(i);
            if (!g1.countries.containsAll(g.countries)) { g2 = g; break; }
        }
        boolean symmetric = SYMMETRIC.contains(type) || "mutual".equals(t.term().detail());
        // "ट्रंप ने चेतावनी दी कि अगर भारत रूस से तेल ख़रीदता रहा तो ...", "warned that unless India lowers ...": the
        // threat is aimed at the condition's subject (its first country), not at others the condition names
        if (type == PloverType.THREATEN) {
            List<Candidate> aimed = threatOfCondition(c, t, near, mod);
            if (!aimed.isEmpty()) return aimed;
        }
        // "दोनों नेताओं ने इराक और ईरान की स्थिति पर चर्चा की": "both" as the subject, named first, wins
        Match subjectBoth = c.both.isEmpty() ? null : c.both.get(0);
        if (symmetric && subjectBoth != null && subjectBoth.end() <= t.start()
                && distance(subjectBoth.start(), subjectBoth.end(), t) <= MAX_DISTANCE
                && (g1 == null || subjectBoth.start() < g1.start) && firstActorIsBoth(c, subjectBoth)) {
            addBoth(c, t, type, subjectBoth, mod, out);
            return out;
        }
        // "Both men condemned North Korea's launch", "दोनों नेताओं ने उत्तर कोरिया की निंदा की": each side of the pair acts
        if (!symmetric && subjectBoth != null && subjectBoth.end() <= t.start() && g1 != null && g2 == null
                && g1.start > subjectBoth.end() && distance(subjectBoth.start(), subjectBoth.end(), t) <= MAX_DISTANCE
                && firstActorIsBoth(c, subjectBoth)) {
            Pair p = bothPair(c, subjectBoth);
            if (p != null && !g1.countries.contains(p.a) && !g1.countries.contains(p.b)) {
                for (String b : g1.countries) {
                    out.add(candidate(p.a, b, type, 0.7, mod, c, t));
                    out.add(candidate(p.b, b, type, 0.7, mod, c, t));
                }
                return out;
            }
        }
        if (g1 != null && g1.countries.size() >= 2 && (symmetric || g2 == null)) {
            // co-actors ("US and Afghan forces") with nobody to act on; but two sides that pull back with
            // nobody else named pull back from each other ("भारत और चीन ने सैनिक पीछे हटाए": disengagement)
            if (!symmetric && (type != PloverType.RETREAT || g1.countries.size() != 2)) {
                // "कतर और सऊदी अरब ने दोनों पक्षों से संयम की अपील की": third parties acting on both sides
                toBothSides(c, t, type, g1, nearestBoth, dBoth, mod, out);
                return out;
            }
            if (dBoth < distance(g1, t) && c.dominant != null) {
                addBoth(c, t, type, nearestBoth, mod, out);
                return out;
            }
            // three or more named together pair up only "between" them; else they act together, or are the
            // partners of the clause's marked subject ("पोम्पियो ने ब्रिटेन, जर्मनी और चीन के मंत्रियों से बात की")
            if (g1.countries.size() >= 3 && !hasBetween(c, g1)) {
                Group agent = markedAgentBefore(c, t);
                if (agent == null || agent == g1 || agent.start >= g1.start || distance(agent, t) > MAX_DISTANCE) return out;
                for (String a : agent.countries) {
                    for (String b : g1.countries) if (!a.equals(b)) out.add(candidate(a, b, type, 0.75, mod, c, t));
                }
                return out;
            }
            String first = g1.countries.get(0);
            double conf = 0.8 + (distance(g1, t) <= 60 ? 0.1 : 0);
            for (int i = 1; i < g1.countries.size(); i++) out.add(candidate(first, g1.countries.get(i), type, conf, mod, c, t));
            return out;
        }
        // "अमेरिकी और रूसी अधिकारियों ने यूक्रेन युद्ध पर वार्ता की": a joint subject meets, the nearer country is the topic
        if (symmetric && g1 != null && g2 != null) {
            Group joint = g2.countries.size() >= 2 && groupRole(c, g2) > 0 && groupRole(c, g1) == 0 ? g2
                    : g1.countries.size() >= 2 && groupRole(c, g1) > 0 && groupRole(c, g2) == 0 ? g1 : null;
            if (joint != null) {
                String first = joint.countries.get(0);
                for (int i = 1; i < joint.countries.size(); i++) out.add(candidate(first, joint.countries.get(i), type, 0.8, mod, c, t));
                return out;
            }
        }
        if (g1 != null && g2 != null && !(symmetric && dBoth < distance(g2, t))) {
            // "नेटो के सभी सदस्यों ने ... अमरीकी कदम का समर्थन किया": the clause's marked speaker is no country
            if (SPEECH_ACTS.contains(type) && speakerIsNoCountry(c, t)) return out;
            // the marked agent of the clause ("सऊदी अरब ने ... तुर्की के कदम की निंदा") outranks a nearer bystander
            if (SPEECH_ACTS.contains(type)) {
                Group agent = markedAgentBefore(c, t);
                if (agent != null && agent != g1 && agent != g2 && distance(agent, t) <= MAX_DISTANCE) {
                    // Hindi puts the object before the verb: "... तुर्की की संसद की मंजूरी की निंदा करता है और इसे लीबिया ..."
                    boolean objectBefore = Chars.isDevanagari(c.text.lower.charAt(t.start()));
                    Group other = null;
                    for (Group g : near) {
                        if (g == agent || agent.countries.containsAll(g.countries)) continue;
                        if (objectBefore && g.start >= t.end()) continue;
                        other = g;
                        break;
                    }
                    if (other == null) {
                        for (Group g : near) {
                            if (g != agent && !agent.countries.containsAll(g.countries)) { other = g; break; }
                        }
                    }
                    if (other != null) { g1 = agent; g2 = other; }
                }
            }
            Group src = direct(c, g1, g2), dst = src == g1 ? g2 : g1;
            // "अमेरिकी ड्रोन हमले", "US air strikes", "американские санкции": the modifier right before the act does it
            if (!SPEECH_ACTS.contains(type) || type == PloverType.SANCTION) {
                Group agent = modifierOf(c, t, g1, g2);
                // ... unless the other one is the act's agent by a preposition ("sanctions law, enacted by the U.S."); a
                // Hindi ने marks the clause's subject, not the doer of a noun ("पाकिस्तान ने अमेरिकी हमले की निंदा की")
                Group other = agent == g1 ? g2 : g1;
                if (agent != null && !byAgent(c, other)) { src = agent; dst = other; }
            }
            int far = Math.max(distance(g1, t), distance(g2, t));
            double conf = 0.75 + (far <= 60 ? 0.1 : 0) + (c.groups.size() == 2 ? 0.05 : 0);
            for (String a : src.countries) {
                for (String b : dst.countries) {
                    if (!a.equals(b)) out.add(candidate(a, b, type, conf, mod, c, t));
                }
            }
            return out;
        }
        if (nearestBoth != null && dBoth <= MAX_DISTANCE) {
            if (!SYMMETRIC.contains(type) && g1 != null && g2 == null) toBothSides(c, t, type, g1, nearestBoth, dBoth, mod, out);
            else addBoth(c, t, type, nearestBoth, mod, out);
            return out;
        }
        // "protested outside the US embassy in Tehran", "काठमांडू में छात्रों ने भारत के खिलाफ प्रदर्शन किया": a crowd at a
        // foreign mission or against a foreign country, with nobody else named, is the host country's; the city or
        // country named as the scene tells which
        if (type == PloverType.PROTEST && g1 != null && g2 == null && g1.countries.size() == 1
                && (atMission(c, g1) || against(c, g1))) {
            String guest = g1.countries.get(0), host = hostOf(c, guest);
            if (host != null) {
                out.add(candidate(host, guest, type, 0.7, mod, c, t));
                return out;
            }
        }
        // "उन्होंने कतर के विदेश मंत्री से चर्चा की": the subject carries over from the last sentence
        if (g1 != null && g1.countries.size() == 1 && c.lastSubject != null && !g1.countries.contains(c.lastSubject)) {
            for (Match p : c.pronouns) {
                if (p.end() <= t.start() && distance(p.start(), p.end(), t) <= MAX_DISTANCE) {
                    out.add(candidate(c.lastSubject, g1.countries.get(0), type, 0.6, mod, c, t));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Types usually said by the clause's subject ("X ने ... की निंदा की"); attacks and arrests are more
     * often nouns inside a phrase ("अमरीकी ड्रोन हमले में"), where the subject is someone else.
     */
    private static final Set<PloverType> SPEECH_ACTS = EnumSet.of(PloverType.ACCUSE, PloverType.REJECT, PloverType.REQUEST,
            PloverType.THREATEN, PloverType.SUPPORT, PloverType.SANCTION, PloverType.PROTEST);

    /** How far before its ने/द्वारा a country may stand in the speaker's phrase ("ईरान के विदेश मंत्री ने"). */
    private static final int SPEAKER_PHRASE = 40;

    /**
     * The nearest source marker (ने, द्वारा) before the trigger ends a phrase that names a bloc and no country,
     * no "both sides" and no pronoun: the speaker is an alliance or an international body ("नेटो के सभी सदस्यों ने").
     */
    private static boolean speakerIsNoCountry(Context c, Match t) {
        Match marker = null;
        for (Match r : c.roles) {
            if (r.term().kind() == Term.Kind.SOURCE_AFTER && r.end() <= t.start()) marker = r;
        }
        if (marker == null || t.start() - marker.end() > MAX_DISTANCE) return false;
        for (Mention m : c.actors) if (m.end() <= marker.start() && marker.start() - m.end() <= SPEAKER_PHRASE
                && noClauseBreak(c.text.lower.substring(m.end(), marker.start()))) return false;
        for (Match b : c.both) if (b.end() <= marker.start() && marker.start() - b.end() <= SPEAKER_PHRASE) return false;
        for (Match p : c.pronouns) if (p.start() <= marker.end() && marker.start() - p.end() <= SPEAKER_PHRASE) return false;
        for (Match b : c.blocs) if (b.end() <= marker.start() && marker.start() - b.end() <= SPEAKER_PHRASE
                && noClauseBreak(c.text.lower.substring(b.end(), marker.start()))) return true;
        return false;
    }

    private static boolean noClauseBreak(String gap) {
        return gap.chars().noneMatch(ch -> ch == ',' || ch == '.' || ch == ';' || ch == ':' || ch == '।' || ch == '"' || ch == '“' || ch == '”');
    }

    /** What may stand between a country word and the armed group it qualifies ("कोलंबिया के गुरिल्ला", "ईरान समर्थित मिलिशिया"). */
    private static final Set<String> NON_STATE_LINKS = folded("के", "की", "का", "समर्थित", "समर्थक", "backed", "-backed",
            "pro", "based", "-based", "поддерживаемые", "поддерживаемых");

    /**
     * "कोलंबिया के गुरिल्ला संगठनों", "ईरान समर्थित मिलिशिया", "Pakistani militants": the country word names a non-state
     * group (or its sponsor), not a state acting in this sentence.
     */
    static boolean qualifiesNonState(NormalizedText text, Mention m, List<Match> nonState) {
        for (Match n : nonState) {
            if (n.start() < m.end() || n.start() - m.end() > 25) continue;
            String gap = text.lower.substring(m.end(), n.start()).strip();
            boolean ok = true;
            for (String w : gap.split("[\\s]+")) if (!w.isEmpty() && !NON_STATE_LINKS.contains(w)) { ok = false; break; }
            if (ok) return true;
        }
        return false;
    }

    /** A mention of the group right after "by" (a SOURCE_BEFORE cue). */
    private static boolean byAgent(Context c, Group g) {
        for (Mention m : g.mentions) {
            for (Match r : c.roles) {
                if (r.term().kind() == Term.Kind.SOURCE_BEFORE && r.end() <= m.start() && m.start() - r.end() <= 6
                        && ARTICLES.contains(c.text.lower.substring(r.end(), m.start()).strip())) return true;
            }
        }
        return false;
    }

    /** Words that may stand between an agentive modifier and its act ("अमेरिकी ड्रोन हमले", "US air strikes"). */
    private static final Set<String> ACT_MODIFIERS = folded("ड्रोन", "हवाई", "मिसाइल", "रॉकेट", "सैन्य", "drone", "air", "missile",
            "rocket", "military", "naval", "economic", "trade", "new", "fresh", "нов", "новые", "экономические", "торговые");

    /** The one of two groups that modifies the trigger directly ("अमेरिकी हमले", "US drone strike"), if any. */
    private static Group modifierOf(Context c, Match t, Group g1, Group g2) {
        // a Russian noun before the act is a genitive of something else ("компании Германии санкциями"); only an
        // adjective ("американские санкции") modifies it
        boolean cyrillic = Chars.isCyrillic(c.text.lower.charAt(t.start()));
        for (Group g : List.of(g1, g2)) {
            if (g.end > t.start() || t.start() - g.end > 20) continue;
            if (cyrillic && g.mentions.stream().anyMatch(m -> c.countryNames.contains(m.start()))) continue;
            String gap = c.text.lower.substring(g.end, t.start()).strip();
            if (gap.isEmpty()) return g;
            boolean ok = true;
            for (String w : gap.split("\\s+")) if (!ACT_MODIFIERS.contains(w)) { ok = false; break; }
            if (ok) return g;
        }
        return null;
    }

    /** The group names a mission's country: "US embassy", "भारतीय उच्चायोग", "посольства США", "embassy of India". */
    private static boolean atMission(Context c, Group g) {
        for (Mention m : g.mentions) {
            for (Match r : c.roles) {
                if (r.term().kind() != Term.Kind.MISSION) continue;
                if (r.start() < m.end() && m.start() < r.end()) return true;
                int gs = r.start() >= m.end() ? m.end() : r.end(), ge = r.start() >= m.end() ? r.start() : m.start();
                if (ge - gs > 8) continue;
                String gap = c.text.lower.substring(gs, ge).strip();
                if (gap.isEmpty() || MISSION_LINKS.contains(gap)) return true;
            }
        }
        return false;
    }

    /**
     * The trigger and the group sit on different sides of a relative clause's edge: "Russia vetoed it in the
     * Council, where Brazil and India abstained" (the veto does not reach Brazil and India); "Mexico, which signed a
     * loan, and Argentina are watching" (the signing does not reach Argentina). The clause runs from ", where" to
     * the next comma or the sentence's end; its antecedent (the group just before the comma) belongs to it.
     */
    private static boolean acrossRelative(Context c, Group g, Match t) {
        String lower = c.text.lower;
        for (Match r : c.roles) {
            if (r.term().kind() != Term.Kind.RELATIVE) continue;
            int k = r.start() - 1;
            while (k >= c.sen.start() && lower.charAt(k) == ' ') k--;
            if (k < c.sen.start() || lower.charAt(k) != ',') continue;
            int end = lower.indexOf(',', r.end());
            if (end < 0 || end > c.sen.end()) end = c.sen.end();
            boolean triggerIn = t.start() >= r.start() && t.start() < end;
            boolean groupIn = g.start >= r.start() && g.start < end;
            boolean antecedent = g.end <= k && lower.substring(g.end, k).isBlank();
            if (triggerIn != groupIn && !(triggerIn && antecedent)) return true;
        }
        return false;
    }

    /**
     * The group only describes the one before it, between commas: "Turkey, Azerbaijan's close ally, blamed Armenia".
     * An appositive holds no deed of its own (no trigger between its commas) and follows its head's comma directly.
     */
    private static boolean appositive(Context c, Group g, Match t) {
        String lower = c.text.lower;
        int k = g.start - 1;
        while (k >= c.sen.start() && lower.charAt(k) == ' ') k--;
        if (k < c.sen.start() || lower.charAt(k) != ',') return false;
        int close = lower.indexOf(',', g.end);
        if (close < 0 || close >= c.sen.end() || close - g.end > 40) return false;
        if (t.start() >= g.start && t.start() < close) return false;
        boolean head = false;
        for (Group h : c.groups) {
            if (h != g && h.end <= k && lower.substring(h.end, k).isBlank()) head = true;
        }
        if (!head) return false;
        // no list: "Brazil, Argentina, and Chile" joins items with commas too
        String inside = lower.substring(g.end, close).strip();
        return inside.startsWith("'s") || inside.startsWith("’s");
    }

    /** A mention of the group is marked as what a protest is against ("against India", "भारत के खिलाफ"). */
    private static boolean against(Context c, Group g) {
        for (Mention m : g.mentions) {
            for (Match r : c.roles) {
                if (r.term().kind() != Term.Kind.AGAINST) continue;
                boolean after = r.start() >= m.end() && r.start() - m.end() <= 2 && c.text.lower.substring(m.end(), r.start()).isBlank();
                boolean before = r.end() <= m.start() && m.start() - r.end() <= 6
                        && ARTICLES.contains(c.text.lower.substring(r.end(), m.start()).strip());
                if (after || before) return true;
            }
        }
        return false;
    }

    /** Words between a mission and its country ("embassy of the United States", "के दूतावास"). */
    private static final Set<String> MISSION_LINKS = folded("of", "of the", "के", "का", "की");

    /**
     * The one country, other than the mission's, that the sentence names as the scene: a city or capital that does
     * not act, or a country marked as a place ("in Iran"); null when there is none or more than one.
     */
    private static String hostOf(Context c, String guest) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Match e : c.scenes) hosts.add(e.term().countryRef());
        for (Group g : c.groups) if (locative(c, g)) hosts.addAll(g.countries);
        hosts.remove(guest);
        return hosts.size() == 1 ? hosts.iterator().next() : null;
    }

    /** Every mention of the group carries a locative marker right next to it ("इराक में", "in Iraq"). */
    private static boolean locative(Context c, Group g) {
        for (Mention m : g.mentions) {
            if (!c.countryNames.contains(m.start())) return false;
            boolean loc = false;
            for (Match r : c.roles) {
                Term.Kind k = r.term().kind();
                if (k == Term.Kind.LOCATIVE_AFTER && r.start() >= m.end() && r.start() - m.end() <= 3
                        && c.text.lower.substring(m.end(), r.start()).isBlank()) loc = true;
                else if (k == Term.Kind.LOCATIVE_BEFORE && r.end() <= m.start() && m.start() - r.end() <= 6
                        && ARTICLES.contains(c.text.lower.substring(r.end(), m.start()).strip())) loc = true;
            }
            if (!loc) return false;
        }
        return true;
    }

    /** The nearest group before the trigger whose mention carries a source marker (ने, by). */
    private static Group markedAgentBefore(Context c, Match t) {
        Group best = null;
        for (Group g : c.groups) {
            if (g.start >= t.start()) break;
            if (groupRole(c, g) > 0) best = g;
        }
        return best;
    }

    private static boolean firstActorIsBoth(Context c, Match both) {
        for (Mention m : c.actors) if (m.start() < both.start()) return false;
        return true;
    }

    /** A BETWEEN cue right after the group ("... के बीच") or right before it ("between ..."). */
    private static boolean hasBetween(Context c, Group g) {
        for (Match r : c.roles) {
            if (r.term().kind() != Term.Kind.BETWEEN) continue;
            if (r.start() >= g.end && r.start() - g.end <= 3) return true;
            if (r.end() <= g.start && g.start - r.end() <= 3) return true;
        }
        return false;
    }

    private void addBoth(Context c, Match t, PloverType type, Match both, Modality mod, List<Candidate> out) {
        if (!SYMMETRIC.contains(type)) return; // "both sides welcomed X" is not support of each other
        Pair p = bothPair(c, both);
        if (p != null) out.add(candidate(p.a, p.b, type, 0.7, mod, c, t));
    }

    /**
     * "France urged both sides to show restraint": a named actor before "both sides", not one of them, acts on each
     * side of the pair under discussion (the latest pair, else the article's dominant one).
     */
    private static void toBothSides(Context c, Match t, PloverType type, Group actor, Match both, int dBoth, Modality mod,
                                    List<Candidate> out) {
        if (both == null || dBoth > MAX_DISTANCE || both.start() < actor.end) return;
        Pair p = c.recent != null ? c.recent : c.dominant;
        if (p == null || actor.countries.contains(p.a) || actor.countries.contains(p.b)) return;
        for (String a : actor.countries) {
            out.add(candidate(a, p.a, type, 0.65, mod, c, t));
            out.add(candidate(a, p.b, type, 0.65, mod, c, t));
        }
    }

    /** "दोनों" after two countries in the same sentence means those two; otherwise the pair under discussion. */
    private static Pair bothPair(Context c, Match both) {
        // a second "both" in the sentence means the same two as the first
        if (!c.both.isEmpty() && c.both.get(0) != both && c.both.get(0).start() < both.start()) return bothPair(c, c.both.get(0));
        List<String> before = new ArrayList<>();
        for (int i = c.actors.size() - 1; i >= 0 && before.size() < 2; i--) {
            Mention m = c.actors.get(i);
            if (m.end() <= both.start() && !before.contains(m.country())) before.add(m.country());
        }
        if (before.size() == 2) return Pair.of(before.get(0), before.get(1));
        return c.recent != null ? c.recent : c.dominant;
    }

    private static Candidate candidate(String source, String target, PloverType type, double conf, Modality mod, Context c, Match t) {
        conf *= switch (mod) {
            case NEGATED -> 0.3;
            case HYPOTHETICAL -> HYPOTHETICAL_FACTOR;
            case REPORTED -> 0.7;
            default -> 1.0;
        };
        return new Candidate(source, target, type, Math.min(1.0, conf), mod, c.sentence, t.start(), "specific".equals(t.term().detail()));
    }

    /** The country marked as the sentence's subject ("भारत ने", "by India"), if any. */
    private static String markedSubject(NormalizedText text, List<Mention> actors, List<Match> roles) {
        for (Mention m : actors) {
            if (role(text, m, List.of(m), roles) > 0) return m.country();
        }
        return null;
    }

    /** Which group acts: case markers first, else the one named first. */
    private static Group direct(Context c, Group a, Group b) {
        int ra = groupRole(c, a), rb = groupRole(c, b);
        if (ra < 0 && rb >= 0) return b;
        if (rb < 0 && ra >= 0) return a;
        if (ra > 0 && rb <= 0) return a;
        if (rb > 0 && ra <= 0) return b;
        return a.start <= b.start ? a : b;
    }

    private static int groupRole(Context c, Group g) {
        int r = 0;
        for (Mention m : g.mentions) {
            int v = role(c.text, m, List.of(m), c.roles);
            if (v != 0) r = v;
        }
        return r;
    }

    /**
     * Triggers that are the content of another ("हमले की धमकी" = threat of attack, "refused to sign",
     * "बातचीत से इनकार") are not events of their own: the governing threat/demand/refusal/accusation is.
     */
    private static final Set<PloverType> GOVERNING = EnumSet.of(PloverType.THREATEN, PloverType.REQUEST, PloverType.REJECT, PloverType.ACCUSE);
    /** Links after a governed trigger, before its governor (Hindi: "हमले की धमकी", "बातचीत के प्रस्ताव को खारिज"). */
    private static final Set<String> POST_LINKS = folded("की", "का", "के", "से", "को", "पर", "करने", "किए", "जाने", "प्रस्ताव",
            "पेशकश", "योजना", "किसी", "तरह", "लिए", "कड़ी", "कड़ा", "कड़े", "सख्त", "तीखी", "तीखा", "भारी", "लगाने", "लगाए",
            "लगाया", "नए", "नई");
    /** Links after a governor, before its governed trigger ("threatened to attack", "отказался от переговоров"). */
    private static final Set<String> PRE_LINKS = folded("to", "of", "for", "the", "a", "an", "against", "new", "more", "further",
            "proposal", "proposals", "offer", "offers", "plan", "plans", "on", "call", "calls", "idea", "any", "о", "об", "на", "от", "в",
            "предложение", "предложения", "план", "impose", "imposing", "launch", "launching", "carry", "out", "new", "ввести",
            "введения", "ввода", "нанести", "начать", "применить", "новые", "новых");

    /** Words that open the content of a threat, demand or refusal ("threatened on Friday to impose ..."). */
    private static final Set<String> COMPLEMENTISERS = folded("to", "that", "чтобы", "что");
    /** Hindi "कि" (folded together with "की") opens a complement only after the governor's light verb ("धमकी दी कि"). */
    private static final String KI = folded("कि").iterator().next();
    private static final Set<String> LIGHT_VERBS = folded("दी", "दीं", "दिया", "दे", "कहा", "करते", "की");
    /** Russian nouns that look like infinitives ("власти", "части") but open no complement. */
    private static final Set<String> NOT_INFINITIVES = folded("власти", "части", "сети", "пути", "страсти", "мощности",
            "области", "степени", "памяти", "новости", "стороны");
    /** At most this many words between a governor and a governed trigger in a complement clause. */
    private static final int MAX_COMPLEMENT_WORDS = 5;

    /**
     * A short stretch without punctuation that opens a complement clause ("on Friday to impose heavy",
     * "that it would impose"): what follows is the content of the governing threat or demand.
     */
    static boolean complementClause(String gap) {
        String g = gap.strip();
        if (g.isEmpty() || g.chars().anyMatch(ch -> ch == ',' || ch == ';' || ch == '.' || ch == ':' || ch == '!' || ch == '?')) return false;
        String[] words = g.split("\\s+");
        if (words.length > MAX_COMPLEMENT_WORDS) return false;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (COMPLEMENTISERS.contains(w) || russianInfinitive(w)) return true;
            if (i > 0 && w.equals(KI) && LIGHT_VERBS.contains(words[i - 1]) && !words[i - 1].equals(KI)) return true;
        }
        return false;
    }

    /** A bare infinitive opens a complement in Russian ("пригрозили на днях ввести санкции"). */
    static boolean russianInfinitive(String w) {
        if (w.length() < 4 || !Chars.isCyrillic(w.charAt(0))) return false;
        if (NOT_INFINITIVES.contains(w)) return false;
        return w.endsWith("ть") || w.endsWith("ти") || w.endsWith("чь") || w.endsWith("ться") || w.endsWith("тись");
    }

    private static final Set<String> GENITIVES = folded("की", "का", "के", "को");
    private static final Set<String> POSTPOSITIONS = folded("में", "से", "पर", "को", "ने", "की", "का", "के", "तक", "लिए", "बाद", "द्वारा");
    /** Words ending in "ने" that are no verbal noun (own, in front of, the ergative pronouns). */
    private static final Set<String> NOT_VERBAL_NOUNS = folded("अपने", "सामने", "उसने", "इसने", "जिसने", "किसने", "उन्होंने",
            "इन्होंने", "जिन्होंने", "हमने", "तुमने", "मैंने", "आपने", "पहने", "कोने", "सोने", "दाने");

    /**
     * Hindi puts the content before its governor as a verbal noun with a genitive: "प्रतिबंध जल्द ही लगाने की
     * धमकी", "हमला रोकने की मांग". A short stretch without punctuation that ends so links the two.
     */
    static boolean hindiVerbalNounLink(String gap) {
        String g = gap.strip();
        if (g.isEmpty() || g.chars().anyMatch(ch -> ch == ',' || ch == ';' || ch == '.' || ch == ':' || ch == '!' || ch == '?' || ch == '।')) return false;
        String[] words = g.split("\\s+");
        if (words.length < 2 || words.length > MAX_COMPLEMENT_WORDS) return false;
        String last = words[words.length - 1], noun = words[words.length - 2];
        if (!GENITIVES.contains(last)) return false;
        if (!noun.endsWith("ने") || noun.length() <= 3 || NOT_VERBAL_NOUNS.contains(noun)) return false;
        // only adverbs may stand between: a postposition starts another phrase ("अमरीकी हमले में संयम बरतने का")
        for (int i = 0; i < words.length - 2; i++) if (POSTPOSITIONS.contains(words[i])) return false;
        return true;
    }

    /** The text between two offsets with country mentions cut out ("India's proposal for" -> "'s proposal for"). */
    private static String gapWithoutActors(NormalizedText text, int from, int to, List<Mention> actors) {
        StringBuilder b = new StringBuilder();
        int p = from;
        for (Mention m : actors) {
            if (m.end() <= p || m.start() >= to) continue;
            if (m.start() > p) b.append(text.lower, p, m.start());
            p = Math.max(p, m.end());
        }
        if (p < to) b.append(text.lower, p, to);
        return b.toString().replace("'s", " ");
    }

    /**
     * The negative governors (threat, demand, refusal, accusation) govern any other type; an agreement or a
     * stated intent governs the generic cooperation it is about ("सहयोग के समझौते", "agreement on cooperation":
     * AGREE only), not a specific joint project it names ("соглашение о совместной разработке").
     */
    private static boolean governs(Match governor, Match governed) {
        PloverType g = PloverType.valueOf(governor.term().value());
        if (GOVERNING.contains(g)) return true;
        return g == PloverType.AGREE && PloverType.valueOf(governed.term().value()) == PloverType.COOPERATE
                && !"specific".equals(governed.term().detail());
    }

    static List<Match> suppressGoverned(NormalizedText text, List<Match> triggers, List<Mention> actors) {
        if (triggers.size() < 2) return triggers;
        List<Match> out = new ArrayList<>(triggers.size());
        for (Match a : triggers) {
            boolean governed = false;
            for (Match b : triggers) {
                if (a == b || !governs(b, a)) continue;
                if (PloverType.valueOf(a.term().value()) == PloverType.valueOf(b.term().value())) continue;
                String gap = null;
                Set<String> linkWords;
                if (a.end() <= b.start() && b.start() - a.end() <= 40) {
                    gap = gapWithoutActors(text, a.end(), b.start(), actors);
                    linkWords = POST_LINKS;
                } else if (b.end() <= a.start() && a.start() - b.end() <= 40) {
                    gap = gapWithoutActors(text, b.end(), a.start(), actors);
                    linkWords = PRE_LINKS;
                } else {
                    continue;
                }
                if (linkWords == PRE_LINKS && complementClause(gap)) { governed = true; break; }
                if (linkWords == POST_LINKS && hindiVerbalNounLink(gap)) { governed = true; break; }
                if (gap.length() > 24) continue;
                boolean links = true;
                for (String w : gap.strip().split("\\s+")) {
                    if (!w.isEmpty() && !linkWords.contains(w)) { links = false; break; }
                }
                if (links) { governed = true; break; }
            }
            if (!governed) out.add(a);
        }
        return out;
    }

    /** Words that close a condition clause and open its consequence ("if ..., then ...", "अगर ... तो ..."). */
    private static final Set<String> THEN = folded("then", "तो", "то", "toh");

    /**
     * Condition clauses of a sentence: from a CONDITION cue ("unless", "if", "अगर", "если") to the next
     * comma, semicolon or colon, a "then" word, or the sentence end.
     */
    static List<int[]> conditionClauses(NormalizedText text, Sentence sen, List<Match> conditionCues) {
        List<int[]> out = new ArrayList<>();
        for (Match c : conditionCues) {
            int end = sen.end();
            int i = c.end();
            while (i < sen.end()) {
                char ch = text.lower.charAt(i);
                if (ch == ',' || ch == ';' || ch == ':') { end = i; break; }
                if (Character.isWhitespace(ch)) {
                    int ws = i;
                    while (ws < sen.end() && Character.isWhitespace(text.lower.charAt(ws))) ws++;
                    int we = ws;
                    while (we < sen.end() && !Character.isWhitespace(text.lower.charAt(we)) && ",;:.".indexOf(text.lower.charAt(we)) < 0) we++;
                    if (we > ws && THEN.contains(text.lower.substring(ws, we))) { end = i; break; }
                    i = Math.max(ws, i + 1);
                    continue;
                }
                i++;
            }
            out.add(new int[] {c.start(), end});
        }
        return out;
    }

    /**
     * Harm announced as the consequence of a condition ("अगर ईरान ने समझौते का उल्लंघन किया तो उस पर नए प्रतिबंध लगाए
     * जाएंगे", "если ..., то последуют санкции", "if ..., we will strike") is a threat of it, not the act itself.
     */
    /** source -> the condition clause's subject, when a threat (outside the clause) comes with one. */
    private static List<Candidate> threatOfCondition(Context c, Match t, List<Group> near, Modality mod) {
        for (int[] cl : c.conditions) {
            if (t.start() >= cl[0] && t.start() < cl[1]) continue;
            Group subject = null;
            for (Group g : c.groups) {
                if (g.start >= cl[0] && g.start < cl[1]) { subject = g; break; }
            }
            if (subject == null) continue;
            Group source = null;
            for (Group g : near) {
                if (inside(g.start, c.conditions) || g.countries.stream().anyMatch(subject.countries::contains)) continue;
                source = g;
                break;
            }
            if (source == null) continue;
            List<Candidate> out = new ArrayList<>();
            for (String a : source.countries) {
                for (String b : subject.countries) if (!a.equals(b)) out.add(candidate(a, b, PloverType.THREATEN, 0.8, mod, c, t));
            }
            return out;
        }
        return List.of();
    }

    static PloverType consequentThreat(PloverType type, Match t, List<int[]> conditions) {
        if (type.cooperative() || type == PloverType.THREATEN || GOVERNING.contains(type)) return type;
        for (int[] sp : conditions) if (sp[1] <= t.start()) return PloverType.THREATEN;
        return type;
    }

    private static boolean inside(int offset, List<int[]> spans) {
        for (int[] sp : spans) if (offset >= sp[0] && offset < sp[1]) return true;
        return false;
    }

    /**
     * What a condition clause says ("... tariffs unless New Delhi lowers its duties", "अगर ईरान हमला करेगा, तो
     * ...") is not an event when the sentence states one outside it: it is the condition of that event.
     * A sentence that is nothing but a hypothesis keeps its triggers (marked hypothetical).
     */
    static List<Match> dropConditions(List<Match> triggers, List<int[]> conditions) {
        if (conditions.isEmpty()) return triggers;
        boolean mainClauseEvent = false;
        for (Match t : triggers) if (!inside(t.start(), conditions)) { mainClauseEvent = true; break; }
        if (!mainClauseEvent) return triggers;
        List<Match> out = new ArrayList<>();
        for (Match t : triggers) if (!inside(t.start(), conditions)) out.add(t);
        return out;
    }

    /**
     * "इस हत्या के बाद", "after this attack", "после этого удара": a demonstrative points back to an event already
     * reported with its own parties; the countries of this sentence are not its parties.
     */
    static List<Match> dropAnaphoric(NormalizedText text, List<Match> triggers, List<Match> anaphors) {
        if (anaphors.isEmpty()) return triggers;
        List<Match> out = new ArrayList<>(triggers.size());
        for (Match t : triggers) {
            boolean anaphoric = false;
            for (Match a : anaphors) {
                if (a.end() <= t.start() && t.start() - a.end() <= 2 && text.lower.substring(a.end(), t.start()).isBlank()) {
                    anaphoric = true;
                    break;
                }
            }
            if (!anaphoric) out.add(t);
        }
        return out;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    /** The matches starting inside the sentence; {@code ms} is sorted by start. */
    private static List<Match> within(List<Match> ms, Sentence s) {
        int lo = 0, hi = ms.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ms.get(mid).start() < s.start()) lo = mid + 1;
            else hi = mid;
        }
        List<Match> out = new ArrayList<>();
        for (int i = lo; i < ms.size() && ms.get(i).start() < s.end(); i++) out.add(ms.get(i));
        return out;
    }

    private static int distance(int s, int e, Match t) {
        if (e <= t.start()) return t.start() - e;
        if (s >= t.end()) return s - t.end();
        return 0;
    }

    /** What may stand between a preposition and its actor ("by the US"). */
    private static final Set<String> ARTICLES = Set.of("", "the", "a", "an");

    /** The state body a country's name or adjective may head before its case marker ("इराकी संसद द्वारा", "ईरान की संसद ने"). */
    private static final Set<String> BODIES = folded("की", "के", "का", "संसद", "सरकार", "प्रशासन", "मंत्रालय", "मंत्रिमंडल",
            "सेना", "सेनाओं", "सेनाएं", "सैनिकों", "सुरक्षा", "बलों", "नौसेना", "वायुसेना", "विदेश", "रक्षा", "नेतृत्व", "अधिकारियों");

    /** Blank, or at most three words of a state body ("की संसद", "रक्षा मंत्रालय"). */
    private static boolean bodyOf(String gap) {
        String g = gap.strip();
        if (g.isEmpty()) return gap.length() <= 3;
        String[] words = g.split("\\s+");
        if (words.length > 3) return false;
        boolean noun = false;
        for (String w : words) {
            if (!BODIES.contains(w)) return false;
            if (!w.equals(KI) && !GENITIVES.contains(w)) noun = true;
        }
        return noun;
    }

    /** +1 marked as source, -1 as target, 0 unmarked; looks at every mention of the country. */
    private static int role(NormalizedText text, Mention m, List<Mention> actors, List<Match> roles) {
        int best = 0;
        for (Mention x : actors) {
            if (!x.country().equals(m.country())) continue;
            for (Match r : roles) {
                Term.Kind k = r.term().kind();
                boolean after = (k == Term.Kind.TARGET_AFTER || k == Term.Kind.SOURCE_AFTER)
                        && r.start() >= x.end() && r.start() - x.end() <= 30 && bodyOf(text.lower.substring(x.end(), r.start()));
                boolean before = (k == Term.Kind.TARGET_BEFORE || k == Term.Kind.SOURCE_BEFORE)
                        && r.end() <= x.start() && x.start() - r.end() <= 6 && ARTICLES.contains(text.lower.substring(r.end(), x.start()).strip());
                if (!after && !before) continue;
                int v = (k == Term.Kind.SOURCE_AFTER || k == Term.Kind.SOURCE_BEFORE) ? 1 : -1;
                if (x == m) return v; // the nearest mention's own marker decides
                if (best == 0) best = v;
            }
        }
        return best;
    }

    /**
     * Negation right around the trigger; hypothesis or hearsay anywhere before it in the sentence.
     * Hypothesis cues inside {@code ignoredClauses} do not count; nor, when {@code contentFollows} (a threat,
     * demand, refusal or accusation), those after the trigger: "urged that India should ..." is its content.
     */
    private static Modality modality(Match t, List<Match> cues, List<int[]> ignoredClauses, boolean contentFollows) {
        Modality found = Modality.ASSERTED;
        for (Match c : cues) {
            Modality m = Modality.valueOf(c.term().value());
            if (m == Modality.HYPOTHETICAL && inside(c.start(), ignoredClauses)) continue;
            if (m == Modality.NEGATED) {
                boolean near = (c.start() >= t.end() && c.start() - t.end() <= 25) || (c.end() <= t.start() && t.start() - c.end() <= 25);
                if (near) return Modality.NEGATED;
            } else if (c.end() <= t.start() || !contentFollows && c.start() >= t.end() && c.start() - t.end() <= 30) {
                found = m;
            }
        }
        return found;
    }

    /**
     * Sector words inside a country's name, or part of an institution's name ("वाणिज्य एवं उद्योग मंत्रालय", "Ministry
     * of Commerce and Industry") describe the body, not what the interaction is about.
     */
    private static boolean[] maskInstitutionSectors(NormalizedText text, Matches matches, List<Mention> actors) {
        List<Match> sec = matches.sectors;
        boolean[] masked = new boolean[sec.size()];
        // a sector word inside a country's name is part of the name ("Газа" is no gas)
        for (int k = 0, e = 0; k < sec.size(); k++) {
            Match m = sec.get(k);
            while (e < matches.entities.size() && matches.entities.get(e).end() <= m.start()) e++;
            for (int j = e; j < matches.entities.size() && matches.entities.get(j).start() <= m.start(); j++) {
                Match ent = matches.entities.get(j);
                // only a country's own name: bodies, offices and places ("भारतीय रेलवे") may well name the topic
                if (ent.end() >= m.end() && ent.term().kind() == Term.Kind.COUNTRY) { masked[k] = true; break; }
            }
        }
        for (Match inst : matches.cues) {
            if (inst.term().kind() != Term.Kind.INSTITUTION) continue;
            // backwards: sector words and connectors right before the head; the first gap may hold the
            // parties and the body's kind ("... सांस्कृतिक सहयोग पर भारत-रूस अंतर-सरकारी आयोग")
            int edge = inst.start();
            boolean first = true;
            for (int k = sec.size() - 1; k >= 0; k--) {
                Match m = sec.get(k);
                if (m.end() > edge) continue;
                boolean ok = onlyConnectors(text.lower.substring(m.end(), edge))
                        || (first && nameInterior(gapWithoutActors(text, m.end(), edge, actors)));
                first = false;
                if (!ok) break;
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

    /**
     * Words between the subject list and the head of a body's name: "सहयोग पर भारत-रूस अंतर-सरकारी"
     * ("on ... cooperation", India-Russia, intergovernmental), with the parties' names already cut out.
     */
    private static final Set<String> NAME_INTERIOR = folded("सहयोग", "पर", "अंतर-सरकारी", "अंतरसरकारी", "अंतर", "सरकारी",
            "संयुक्त", "-", "cooperation", "intergovernmental", "inter-governmental", "joint");

    private static boolean nameInterior(String gap) {
        if (gap.length() > 40) return false;
        boolean link = false;
        for (String w : gap.split("[\\s,]+")) {
            if (w.isEmpty() || CONNECTORS.contains(w)) continue;
            if (!NAME_INTERIOR.contains(w)) return false;
            link = true;
        }
        return link;
    }

    private static boolean onlyConnectors(String gap) {
        if (gap.length() > 12) return false;
        for (String w : gap.split("[\\s,]+")) {
            if (!w.isEmpty() && !CONNECTORS.contains(w)) return false;
        }
        return true;
    }
}
