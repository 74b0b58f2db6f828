package org.coopwatch.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.Evidence;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.config.StreamsSettings;

/** Shared test inputs. */
public final class Fixtures {

    public static final String SEED = "shared/corpus/seed/india-russia-working-group.hi.txt";

    private Fixtures() {}

    /** The stage's production properties, pointed at a dummy broker (TopologyTestDriver never connects). */
    public static Properties props(Stage stage, Path stateDir) {
        return StreamsSettings.builder("localhost:9092").stateDir(stateDir).build().forStage(stage);
    }

    /** A seed-like article in the fake analyzer's notation: the interactions the seed article holds. */
    public static String seedLikeText() {
        return String.join("\n",
                "India and Russia held the 11th session of the working group in New Delhi.",
                "@IND>RUS CONSULT 0.92 manufacturing,aerospace",
                "@IND>RUS COOPERATE 0.85 aerospace,mining_metals,energy",
                "@IND>RUS AGREE 0.8 defence",
                "@USA>IND THREATEN 0.75 trade",
                "Also read: China news");
    }

    public static RawArticle raw(String id, String text, Instant published, Instant ingested) {
        return RawArticle.newBuilder()
                .setId(id).setText(text).setTitle("title of " + id).setUrl(null).setSource("test")
                .setLanguageHint(null).setPublished(published).setIngested(ingested)
                .setContentHash(ArticleIds.contentHash(text))
                .build();
    }

    public static CooperationEvent event(String articleId, String source, String target, PloverType type,
                                         double confidence, List<String> sectors, Instant eventTime) {
        return event(articleId, source, target, type, confidence, sectors, eventTime, "asserted");
    }

    public static CooperationEvent event(String articleId, String source, String target, PloverType type,
                                         double confidence, List<String> sectors, Instant eventTime, String modality) {
        return CooperationEvent.newBuilder()
                .setEventId(articleId + "|" + source + "|" + target + "|" + type)
                .setArticleId(articleId)
                .setPair(ArticleIds.pair(source, target))
                .setSource(source).setTarget(target)
                .setType(type.name()).setCameo(type.cameo()).setCooperative(type.cooperative())
                .setSectors(sectors).setConfidence(confidence).setModality(modality)
                .setEvidence(new Evidence(source + " " + type + " " + target, 0, 10))
                .setLanguage("en").setTitle("t").setUrl(null).setPublished(eventTime)
                .setEventTime(eventTime).setStoryId(null)
                .build();
    }

    /** A file under the shared folder next to the repository, found by walking up from the working directory. */
    public static Optional<Path> shared(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(relative);
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
