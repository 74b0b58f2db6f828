package org.coopwatch.streams.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.Evidence;
import org.coopwatch.avro.Interaction;
import org.coopwatch.avro.Organization;
import org.coopwatch.avro.Person;
import org.coopwatch.avro.Place;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a raw article into an enriched one by running the classifier on its (capped) text. */
public final class Enricher {

    private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);

    private final ArticleAnalyzer analyzer;
    private final int maxTextBytes;

    public Enricher(ArticleAnalyzer analyzer, int maxTextBytes) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        if (maxTextBytes < 1) throw new IllegalArgumentException("maxTextBytes must be positive: " + maxTextBytes);
        this.maxTextBytes = maxTextBytes;
    }

    public EnrichedArticle enrich(RawArticle raw) {
        String text = TextLimit.truncate(raw.getText(), maxTextBytes);
        if (text.length() < raw.getText().length()) {
            LOG.warn("article {}: text cut from {} to {} chars ({} bytes of UTF-8 max) before classification",
                    raw.getId(), raw.getText().length(), text.length(), maxTextBytes);
        }
        Analysis a = analyzer.analyze(new Article(raw.getId(), text, raw.getTitle(), raw.getLanguageHint()));
        if (a == null) throw new IllegalStateException("classifier returned no analysis for article " + raw.getId());
        return EnrichedArticle.newBuilder()
                .setId(raw.getId())
                .setTitle(raw.getTitle())
                .setUrl(raw.getUrl())
                .setSource(raw.getSource())
                .setPublished(raw.getPublished())
                .setIngested(raw.getIngested())
                .setLanguage(a.language() == null || a.language().isBlank() ? "und" : a.language())
                // the stored text is the text classified, so evidence offsets index it exactly
                .setText(text)
                .setBoilerplate(list(a.boilerplate()))
                .setCountries(a.countries() == null ? List.of() : a.countries().stream().distinct().sorted().toList())
                .setPlaces(map(a.places(), p -> new Place(p.name(), p.country())))
                .setPeople(map(a.people(), p -> new Person(p.name(), p.country(), p.role())))
                .setOrganizations(map(a.organizations(), o -> new Organization(o.name(), o.country())))
                .setInteractions(map(a.interactions(), Enricher::interaction))
                .setStoryId(null)
                .build();
    }

    static Interaction interaction(Analysis.Interaction i) {
        return Interaction.newBuilder()
                .setSource(i.source())
                .setTarget(i.target())
                .setType(i.type().name())
                .setCameo(i.type().cameo())
                .setSectors(list(i.sectors()))
                .setConfidence(i.confidence())
                .setModality(i.modality() == null ? "asserted" : i.modality().id())
                .setEvidence(evidence(i.evidence()))
                .build();
    }

    static Evidence evidence(Analysis.Evidence e) {
        if (e == null) return new Evidence("", 0, 0);
        return new Evidence(e.text() == null ? "" : e.text(), e.start(), e.end());
    }

    private static List<String> list(List<String> in) {
        return in == null ? List.of() : List.copyOf(in);
    }

    private static <A, B> List<B> map(List<A> in, java.util.function.Function<A, B> f) {
        if (in == null) return List.of();
        List<B> out = new ArrayList<>(in.size());
        for (A a : in) out.add(f.apply(a));
        return out;
    }
}
