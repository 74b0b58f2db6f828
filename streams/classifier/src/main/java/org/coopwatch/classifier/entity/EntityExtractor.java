package org.coopwatch.classifier.entity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.data.Term;
import org.coopwatch.classifier.match.Match;
import org.coopwatch.classifier.match.Matches;
import org.coopwatch.classifier.text.Chars;
import org.coopwatch.classifier.text.NormalizedText;

/**
 * Countries, places, people and organisations of one article: gazetteer hits plus people found
 * after office titles ("रूस के उप रक्षा मंत्री कर्नल जनरल अलेक्सांद्र फोमिन" -> Alexander Fomin,
 * RUS, Deputy Minister of Defence), their country taken from the words around the title.
 */
public final class EntityExtractor {
    private static final int MAX_NAME_TOKENS = 3;

    private final Transliterator transliterator;

    public EntityExtractor(Transliterator transliterator) {
        this.transliterator = transliterator;
    }

    public Entities extract(NormalizedText text, Matches matches, int[] sentenceOf) {
        TreeSet<String> countries = new TreeSet<>();
        Map<String, Analysis.Place> places = new LinkedHashMap<>();
        Map<String, Analysis.Person> people = new LinkedHashMap<>();
        Map<String, Analysis.Organization> orgs = new LinkedHashMap<>();
        List<Mention> actors = new ArrayList<>();
        Map<Integer, List<Match>> entityAt = new java.util.HashMap<>();

        for (Match m : matches.entities) {
            Term t = m.term();
            entityAt.computeIfAbsent(m.start(), k -> new ArrayList<>()).add(m);
            switch (t.kind()) {
                case COUNTRY -> {
                    // a capital is the country only when it acts ("Moscow said") or is acted upon right after
                    // the deed ("Kyiv accused Moscow", "пригрозил Вашингтону"); "in Moscow" is a place
                    if ("capital".equals(t.detail()) && placePreposition(text, m.start())) break; // "a spokesman in Tokyo declined"
                    if ("capital".equals(t.detail())
                            && !matches.cueAfter(Term.Kind.GOVERNMENT_VERB, m.end(), (a, b) -> text.lower.substring(a, b).isBlank())
                            && !matches.triggerJustBefore(m.start(), (a, b) -> text.lower.substring(a, b).isBlank()
                                    && sameSentence(sentenceOf, a - 1, b))) {
                        break;
                    }
                    // "Swiss Bank Corp", "Royal Dutch/Shell Group": a company's name, not the country
                    if (!"capital".equals(t.detail()) && insideCompanyName(text, matches, m)) break;
                    countries.add(t.value());
                    actors.add(new Mention(t.value(), m.start(), m.end()));
                }
                case PLACE -> places.putIfAbsent(t.value(), new Analysis.Place(t.value(), t.country()));
                case PERSON -> {
                    people.merge(t.value(), new Analysis.Person(t.value(), t.country(), t.detail()), EntityExtractor::mergePerson);
                    if (t.country() != null) {
                        countries.add(t.country());
                        actors.add(new Mention(t.country(), m.start(), m.end()));
                    }
                }
                case ORG -> {
                    orgs.putIfAbsent(t.value(), new Analysis.Organization(t.value(), t.country()));
                    if (t.country() != null) {
                        countries.add(t.country());
                        actors.add(new Mention(t.country(), m.start(), m.end()));
                    }
                }
                default -> { }
            }
        }

        // people after titles
        List<Mention> surnames = new ArrayList<>();
        for (Match title : matches.titles) {
            if (title.term().kind() != Term.Kind.TITLE) continue;
            int sentence = sentenceOf[Math.min(title.start(), sentenceOf.length - 1)];
            int p = skipSpace(text, title.end());
            String between = null; // a country named between title and name (министр обороны России Шойгу)
            Match person = null;
            for (int guard = 0; guard < 6 && p < text.length(); guard++) {
                final int at = p;
                Match rank = matches.titles.stream().filter(x -> x.start() == at).findFirst().orElse(null);
                if (rank != null) { p = skipSpace(text, rank.end()); continue; }
                List<Match> ents = entityAt.get(p);
                if (ents == null) break;
                Match e = ents.get(0);
                if (e.term().kind() == Term.Kind.PERSON) { person = e; break; }
                if (e.term().countryRef() != null && (e.term().kind() == Term.Kind.COUNTRY || e.term().kind() == Term.Kind.ORG)) {
                    between = e.term().countryRef();
                    p = skipSpace(text, e.end());
                    continue;
                }
                break;
            }
            String role = title.term().value();
            String country = between != null ? between : countryBefore(text, actors, title.start(), sentenceOf, sentence);
            Match org = orgJustBefore(matches, title.start(), text);
            if (org != null) {
                // "Secretary, DPIIT": the name as written when it is in Latin letters, else the canonical one
                String surface = text.original.substring(text.originalStart(org.start()), text.originalEnd(org.end()));
                boolean latin = surface.chars().allMatch(ch -> ch < 0x250);
                role = role + ", " + (latin ? surface : org.term().value());
            }
            if (person != null) {
                Term t = person.term();
                String c = t.country() != null ? t.country() : country;
                people.merge(t.value(), new Analysis.Person(t.value(), c, t.detail() != null ? t.detail() : role), EntityExtractor::mergePerson);
                if (c != null) {
                    countries.add(c);
                    actors.add(new Mention(c, title.start(), person.end()));
                }
                continue;
            }
            int[] name = captureName(text, matches, entityAt, p, sentenceOf, sentence);
            if (name == null) continue;
            // "Сергей" + gazetteer "Лавров": the first name belongs to the known person
            Match known = personAfter(text, entityAt, name[1]);
            if (known != null) {
                Term t = known.term();
                String c = t.country() != null ? t.country() : country;
                people.merge(t.value(), new Analysis.Person(t.value(), c, t.detail() != null ? t.detail() : role), EntityExtractor::mergePerson);
                if (c != null) actors.add(new Mention(c, title.start(), known.end()));
                continue;
            }
            String surface = text.original.substring(text.originalStart(name[0]), text.originalEnd(name[1]));
            String latin = transliterator.toLatin(surface);
            if (latin.isBlank()) continue;
            // "नड्डा" after "जेपी नड्डा": the surname names someone already found
            String known2 = null;
            for (String k : people.keySet()) if (k.endsWith(" " + latin)) { known2 = k; break; }
            if (known2 != null) latin = known2;
            people.merge(latin, new Analysis.Person(latin, country, role), EntityExtractor::mergePerson);
            if (country != null) {
                actors.add(new Mention(country, title.start(), name[1]));
                surnames.add(new Mention(country, lastWordStart(text, name[0], name[1]), name[1]));
            }
        }
        // later mentions of a titled person by surname ("श्री एस्पर ने", "Lavrov said") act for the same country
        for (Mention sn : surnames) {
            String w = text.lower.substring(sn.start(), sn.end());
            if (w.length() < 3) continue;
            for (int i = text.lower.indexOf(w); i >= 0; i = text.lower.indexOf(w, i + 1)) {
                int e = i + w.length();
                if (i == sn.start()) continue;
                if ((i > 0 && Chars.isWordChar(text.lower.charAt(i - 1))) || (e < text.length() && Chars.isWordChar(text.lower.charAt(e)))) continue;
                final int at = i;
                if (matches.entities.stream().anyMatch(m -> m.start() <= at && m.end() >= e)) continue;
                if (matches.lexiconWordAt(i)) continue;
                actors.add(new Mention(sn.country(), i, e));
            }
        }
        actors.sort(Comparator.comparingInt(Mention::start));
        return new Entities(countries, new ArrayList<>(places.values()), new ArrayList<>(people.values()),
                new ArrayList<>(orgs.values()), actors);
    }

    /** Prepositions of place: a capital right after one is where something is, not who acts. */
    private static final java.util.Set<String> PLACE_PREPOSITIONS = java.util.Set.of("in", "at", "в", "во");

    private static boolean placePreposition(NormalizedText t, int start) {
        int e = start;
        while (e > 0 && t.lower.charAt(e - 1) == ' ') e--;
        if (e == start) return false;
        int b = e;
        while (b > 0 && Chars.isWordChar(t.lower.charAt(b - 1))) b--;
        return PLACE_PREPOSITIONS.contains(t.lower.substring(b, e));
    }

    /** A headline's last word and the next line's first are no verb and object. */
    private static boolean sameSentence(int[] sentenceOf, int a, int b) {
        int n = sentenceOf.length - 1;
        int sa = sentenceOf[Math.max(0, Math.min(a, n))], sb = sentenceOf[Math.max(0, Math.min(b, n))];
        return sa >= 0 && sa == sb;
    }

    /** Capitalised words after a country word that a company head ends within this many words. */
    private static final int MAX_COMPANY_WORDS = 3;

    /**
     * True when a country word opens a company's name: in cased script, it is followed by at most
     * {@link #MAX_COMPANY_WORDS} capitalised words, joined by spaces, '/', '-' or '&', that reach a
     * company head (lexicon/cues COMPANY: Corp, Airlines, Petroleum ...). State bodies are gazetteer
     * organisations and match before this (Swiss National Bank, Bank of Japan).
     */
    static boolean insideCompanyName(NormalizedText t, Matches matches, Match country) {
        int n = t.length();
        int p = country.end();
        // after an abbreviation ("U.S. Insurance broker") a capital letter says nothing
        if (p > 0 && t.folded.charAt(p - 1) == '.') return false;
        for (int words = 0; words <= MAX_COMPANY_WORDS; words++) {
            while (p < n && (t.folded.charAt(p) == ' ' || t.folded.charAt(p) == '/' || t.folded.charAt(p) == '-' || t.folded.charAt(p) == '&')) p++;
            if (p >= n || p - country.end() > 60) return false;
            final int at = p;
            if (matches.cues.stream().anyMatch(c -> c.start() == at && c.term().kind() == Term.Kind.COMPANY)) return true;
            if (!Character.isUpperCase(t.folded.charAt(p))) return false;
            while (p < n && Chars.isWordChar(t.folded.charAt(p))) p++;
            if (p < n && t.folded.charAt(p) == '.') p++;
        }
        return false;
    }

    private static int lastWordStart(NormalizedText t, int start, int end) {
        int k = end;
        while (k > start && t.folded.charAt(k - 1) != ' ') k--;
        return k;
    }

    private static Match personAfter(NormalizedText t, Map<Integer, List<Match>> entityAt, int end) {
        int p = skipSpace(t, end);
        if (p == end || p - end > 1) return null;
        List<Match> ms = entityAt.get(p);
        if (ms == null) return null;
        for (Match m : ms) if (m.term().kind() == Term.Kind.PERSON) return m;
        return null;
    }

    private static Analysis.Person mergePerson(Analysis.Person a, Analysis.Person b) {
        return new Analysis.Person(a.name(), a.country() != null ? a.country() : b.country(), a.role() != null ? a.role() : b.role());
    }

    private static int skipSpace(NormalizedText t, int p) {
        while (p < t.length() && t.folded.charAt(p) == ' ') p++;
        return p;
    }

    /**
     * The country of the nearest actor mention before {@code pos} in the same sentence: close by
     * ("रूस के उप रक्षा मंत्री") or, failing that, anywhere earlier ("भारत की ओर से, ... के सचिव").
     */
    private static String countryBefore(NormalizedText t, List<Mention> actors, int pos, int[] sentenceOf, int sentence) {
        Mention best = null;
        for (Mention m : actors) {
            if (m.end() > pos) continue;
            if (sentenceOf[Math.min(m.start(), sentenceOf.length - 1)] != sentence) continue;
            if (best == null || m.end() > best.end()) best = m;
        }
        return best == null ? null : best.country();
    }

    /** An organisation ending just before a title, with at most a connecting word between ("DPIIT के सचिव"). */
    private static Match orgJustBefore(Matches matches, int pos, NormalizedText t) {
        for (Match m : matches.entities) {
            if (m.term().kind() != Term.Kind.ORG || m.end() > pos || pos - m.end() > 6) continue;
            String gap = t.lower.substring(m.end(), pos).replaceAll("[()\\s]", "");
            if (gap.length() <= 3) return m;
        }
        return null;
    }

    /**
     * Name tokens right after a title: capitalised words in Latin/Cyrillic script; in Devanagari up
     * to three words ending at a postposition, punctuation or any lexicon word.
     */
    private static int[] captureName(NormalizedText t, Matches matches, Map<Integer, List<Match>> entityAt, int p,
                                     int[] sentenceOf, int sentence) {
        int n = t.length();
        if (p >= n || !Chars.isWordChar(t.folded.charAt(p))) return null;
        char first = t.folded.charAt(p);
        boolean cased = Character.isUpperCase(first) || Character.isLowerCase(first);
        int start = p;
        int end = -1;
        int tokens = 0;
        boolean closed = false; // the name ended at a clear boundary (postposition, punctuation)
        while (tokens < MAX_NAME_TOKENS && p < n) {
            if (sentenceOf[p] != sentence) { closed = true; break; }
            if (matches.lexiconWordAt(p) || entityAt.containsKey(p)) { closed = true; break; }
            char c = t.folded.charAt(p);
            if (!Chars.isWordChar(c)) { closed = true; break; }
            if (cased && !Character.isUpperCase(c)) { closed = true; break; }
            int q = p;
            while (q < n && (Chars.isWordChar(t.folded.charAt(q)) || (t.folded.charAt(q) == '-' && q + 1 < n && Chars.isWordChar(t.folded.charAt(q + 1))))) q++;
            if (Character.isDigit(c)) { closed = true; break; }
            if (q < n && t.folded.charAt(q) == '.' && q - p <= 2 && cased) q++; // initials: S. Jaishankar
            tokens++;
            end = q;
            p = q;
            if (p < n && t.folded.charAt(p) != ' ') { closed = true; break; }
            p = skipSpace(t, p);
            if (p >= n) { closed = true; break; }
        }
        if (tokens == 0) return null;
        if (!closed && (p >= n || sentenceOf[p] != sentence || matches.lexiconWordAt(p) || !Chars.isWordChar(t.folded.charAt(p)))) {
            closed = true;
        }
        if (!cased && !closed) {
            // three words and no boundary after them: the third is likely not part of the name
            if (tokens == MAX_NAME_TOKENS) {
                int q = start, words = 0;
                while (words < 2) {
                    while (q < n && t.folded.charAt(q) != ' ') q++;
                    words++;
                    if (words < 2) q = skipSpace(t, q);
                }
                end = q;
            }
        }
        if (!cased && tokens == 1 && !closed) return null;
        return new int[] {start, end};
    }
}
