package org.coopwatch.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.Evidence;
import org.coopwatch.classifier.PloverType;

/** Records for the web tests, built field by field as the stages would. */
public final class TestData {

    private TestData() {}

    public static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
    }

    public static CooperationEvent event(String articleId, String source, String target, PloverType type,
                                         double confidence, List<String> sectors, Instant eventTime) {
        return event(articleId, source, target, type, confidence, sectors, eventTime, "title of " + articleId);
    }

    public static CooperationEvent event(String articleId, String source, String target, PloverType type,
                                         double confidence, List<String> sectors, Instant eventTime, String title) {
        return CooperationEvent.newBuilder()
                .setEventId(articleId + "|" + source + "|" + target + "|" + type)
                .setArticleId(articleId)
                .setPair(pair(source, target))
                .setSource(source).setTarget(target)
                .setType(type.name()).setCameo(type.cameo()).setCooperative(type.cooperative())
                .setSectors(sectors).setConfidence(confidence).setModality("asserted")
                .setEvidence(new Evidence(source + " and " + target + " " + type.name().toLowerCase() + " on " + sectors, 0, 20))
                .setLanguage("en").setTitle(title).setUrl("https://news.invalid/" + articleId).setPublished(eventTime)
                .setEventTime(eventTime).setStoryId(null)
                .build();
    }

    public static Alert alert(String id, String source, String target, PloverType type, String message, Instant eventTime,
                              Instant created) {
        return Alert.newBuilder()
                .setAlertId(id).setRule("test-rule").setSeverity("high")
                .setPair(pair(source, target)).setSource(source).setTarget(target).setType(type.name())
                .setSectors(List.of("defence")).setConfidence(0.9).setMessage(message)
                .setEvidence(new Evidence("Evidence sentence for " + id + ".", 0, 10))
                .setArticleIds(List.of("article-" + id)).setCounts(Map.of("events", 1L))
                .setEventTime(eventTime).setCreated(created)
                .build();
    }
}
