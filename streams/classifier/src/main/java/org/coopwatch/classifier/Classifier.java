package org.coopwatch.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.coopwatch.classifier.data.Lexicons;
import org.coopwatch.classifier.entity.Entities;
import org.coopwatch.classifier.entity.EntityExtractor;
import org.coopwatch.classifier.entity.Mention;
import org.coopwatch.classifier.entity.Transliterator;
import org.coopwatch.classifier.event.InteractionExtractor;
import org.coopwatch.classifier.match.Dictionary;
import org.coopwatch.classifier.match.Matches;
import org.coopwatch.classifier.text.Boilerplate;
import org.coopwatch.classifier.text.LanguageDetector;
import org.coopwatch.classifier.text.NormalizedText;
import org.coopwatch.classifier.text.SentenceSplitter;
import org.coopwatch.classifier.text.TextNormalizer;

/**
 * The multilingual classifier: who does what with whom, in which sector, with evidence.
 * {@link #load()} reads every gazetteer and lexicon once; the instance is immutable and
 * {@link #classify(Article)} may be called from any number of threads.
 */
public final class Classifier {
    private final TextNormalizer normalizer;
    private final Dictionary dictionary;
    private final Boilerplate boilerplate;
    private final SentenceSplitter splitter;
    private final LanguageDetector languages;
    private final EntityExtractor entities;
    private final InteractionExtractor interactions = new InteractionExtractor();
    private final int gazetteerForms;
    private final int lexiconForms;
    private final List<String> warnings = new ArrayList<>();

    private Classifier(String gazetteerBase) {
        normalizer = Lexicons.normalizer();
        int[] stats = new int[2];
        dictionary = Lexicons.load(normalizer, gazetteerBase, stats, warnings);
        for (String w : warnings) System.err.println("classifier data: skipped " + w);
        gazetteerForms = stats[0];
        lexiconForms = stats[1];
        boilerplate = new Boilerplate(Lexicons.LANGUAGES);
        splitter = new SentenceSplitter(Lexicons.LANGUAGES);
        languages = new LanguageDetector();
        entities = new EntityExtractor(new Transliterator());
    }

    /** Loads the classifier with the bundled gazetteer. */
    public static Classifier load() {
        return load(Lexicons.DEFAULT_GAZETTEER);
    }

    /** Loads with gazetteer files from another classpath folder (ending in '/'), e.g. for tests. */
    public static Classifier load(String gazetteerBase) {
        return new Classifier(gazetteerBase.endsWith("/") ? gazetteerBase : gazetteerBase + "/");
    }

    public int gazetteerForms() {
        return gazetteerForms;
    }

    /** Data lines that were skipped because they could not be read (empty for healthy data). */
    public List<String> dataWarnings() {
        return List.copyOf(warnings);
    }

    public int lexiconForms() {
        return lexiconForms;
    }

    public String detectLanguage(String text) {
        return languages.detect(text);
    }

    public Analysis classify(Article article) {
        return classify(article, false);
    }

    /** @param explain also give each country's evidence ({@link Analysis#countryEvidence()}), else an empty list */
    public Analysis classify(Article article, boolean explain) {
        String text = article.text();
        String title = article.title() == null ? "" : article.title().strip();
        boolean titleSeparate = !title.isEmpty() && !text.contains(title);

        String language = languages.detect(titleSeparate ? title + "\n" + text : text);
        if (language.equals("und") && article.languageHint() != null && !article.languageHint().isBlank()) {
            language = article.languageHint().strip().toLowerCase(java.util.Locale.ROOT);
        }

        Boilerplate.Result bp = boilerplate.apply(text);
        NormalizedText norm = normalizer.normalize(bp.cleaned());
        Matches matches = new Matches(dictionary.match(norm), norm.length());

        List<SentenceSplitter.Span> spans = splitter.split(bp.cleaned());
        List<InteractionExtractor.Sentence> sentences = new ArrayList<>(spans.size());
        int[] sentenceOf = new int[norm.length() + 1];
        java.util.Arrays.fill(sentenceOf, -1);
        for (SentenceSplitter.Span sp : spans) {
            int s = normIndex(norm, sp.start()), e = normIndex(norm, sp.end());
            if (e <= s) continue;
            for (int i = s; i < e; i++) sentenceOf[i] = sentences.size();
            sentences.add(new InteractionExtractor.Sentence(s, e));
        }
        Entities found = entities.extract(norm, matches, sentenceOf);
        Set<String> countries = new TreeSet<>(found.countries());
        Set<String> headline = Set.of();
        if (titleSeparate) {
            // a headline that is not part of the text still names countries
            NormalizedText tn = normalizer.normalize(boilerplate.apply(title).cleaned());
            boolean allCaps = title.chars().noneMatch(Character::isLowerCase) && title.chars().anyMatch(Character::isUpperCase);
            Matches tm = new Matches(dictionary.match(tn, allCaps), tn.length());
            int[] one = new int[tn.length() + 1];
            headline = entities.extract(tn, tm, one).countries();
            countries.addAll(headline);
        }
        List<Analysis.Interaction> events = interactions.extract(norm, sentences, matches, found.actors());
        // a party to an interaction is a country the article names, even where it was read from a scene
        // (a crowd protesting in Tehran): keep `countries` consistent with `events`
        for (Analysis.Interaction i : events) {
            countries.add(i.source());
            countries.add(i.target());
        }
        return new Analysis(language, List.copyOf(countries), found.places(), found.people(), found.organizations(),
                events, bp.removed(), explain ? evidence(norm, countries, headline, found.actors(), events) : List.of());
    }

    private static List<Analysis.CountryEvidence> evidence(NormalizedText norm, Set<String> countries, Set<String> headline,
                                                           List<Mention> actors,
                                                           List<Analysis.Interaction> events) {
        List<Analysis.CountryEvidence> out = new ArrayList<>(countries.size());
        for (String c : countries) {
            int n = 0;
            Analysis.Evidence first = null;
            int lastEnd = -1;
            for (Mention m : actors) { // sorted by start
                if (!c.equals(m.country()) || m.start() < lastEnd) continue; // a title and its name are one mention
                lastEnd = m.end();
                n++;
                if (first == null) {
                    int s = norm.originalStart(m.start()), e = norm.originalEnd(m.end());
                    first = new Analysis.Evidence(norm.original.substring(s, e), s, e);
                }
            }
            boolean party = events.stream().anyMatch(i -> c.equals(i.source()) || c.equals(i.target()));
            out.add(new Analysis.CountryEvidence(c, n, headline.contains(c), party, first));
        }
        return List.copyOf(out);
    }

    /** The first normalised index whose original offset is at or after {@code orig}. */
    private static int normIndex(NormalizedText t, int orig) {
        int lo = 0, hi = t.length();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t.originalStart(mid) < orig) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
