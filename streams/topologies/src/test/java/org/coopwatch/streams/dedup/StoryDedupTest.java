package org.coopwatch.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.Evidence;
import org.coopwatch.avro.Interaction;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.topology.AggregatesTopology;
import org.coopwatch.streams.topology.EventsTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The story index inside the events stage, on the TopologyTestDriver. */
class StoryDedupTest {

    static final Instant T0 = Instant.parse("2025-08-20T06:00:00Z");

    @TempDir Path stateDir;
    final Topics topics = Topics.defaults();
    TopologyTestDriver driver;
    TestInputTopic<String, EnrichedArticle> enriched;
    TestOutputTopic<String, CooperationEvent> events;

    @BeforeEach
    void start() {
        start(DedupOptions.defaults());
    }

    void start(DedupOptions options) {
        if (driver != null) driver.close();
        var props = Fixtures.props(Stage.EVENTS, stateDir);
        driver = new TopologyTestDriver(EventsTopology.build(topics, options, props), props);
        enriched = driver.createInputTopic(topics.enriched().name(), topics.enriched().keySerde().serializer(),
                topics.enriched().valueSerde().serializer());
        events = driver.createOutputTopic(topics.events().name(), topics.events().keySerde().deserializer(),
                topics.events().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static EnrichedArticle article(String url, String source, String text, Instant ingested) {
        Interaction agree = new Interaction("IND", "RUS", "AGREE", "03", List.of("defence"), 0.8, "asserted",
                new Evidence("India and Russia agreed", 0, 23));
        return EnrichedArticle.newBuilder()
                .setId(url).setTitle("India and Russia").setUrl(url).setSource(source)
                .setPublished(ingested).setIngested(ingested).setLanguage("en").setText(text)
                .setBoilerplate(List.of()).setCountries(List.of("IND", "RUS"))
                .setPlaces(List.of()).setPeople(List.of()).setOrganizations(List.of())
                .setInteractions(List.of(agree)).setStoryId(null)
                .build();
    }

    void pipe(EnrichedArticle a) {
        enriched.pipeInput(a.getId(), a, a.getIngested());
    }

    static final String STORY = FingerprintTest.STORY;
    /** Three outlets' versions of one wire story: a byline added, words changed, the last sentence cut. */
    static final String COPY_B = "By a staff reporter\n" + STORY.replace("on Tuesday", "on Tuesday evening")
            .replace("sharply", "rapidly");
    static final String COPY_C = STORY.replace("NEW DELHI - ", "").replace("two days of talks", "two-day talks")
            .replace("Trade between the two countries has grown sharply over the past two years, driven by energy purchases.", "");

    @Test
    void aStorySyndicatedWithSmallEditsInThreeSourcesIsOneStoryWithThreeSourcesAndCountsOnce() {
        EnrichedArticle a = article("https://wire.example/india-russia-defence", "Wire", STORY, T0);
        pipe(a);
        pipe(article("https://daily.example/world/2025/08/20/india-russia", "Daily", COPY_B, T0.plusSeconds(600)));
        pipe(article("https://www.herald.example/news/123", "Herald", COPY_C, T0.plusSeconds(1800)));

        List<CooperationEvent> out = events.readValuesToList();
        assertThat(out).extracting(CooperationEvent::getArticleId).containsExactly(
                "https://wire.example/india-russia-defence", "https://daily.example/world/2025/08/20/india-russia",
                "https://www.herald.example/news/123");
        assertThat(out).extracting(CooperationEvent::getStoryId).containsOnly(a.getId());
        assertThat(out).extracting(CooperationEvent::getSources).containsExactly(1, 2, 3);
        KeyValueStore<String, StoryIndex.Story> stories = driver.getKeyValueStore(StoryIndex.STORIES_STORE);
        assertThat(stories.get(a.getId()).sources()).containsExactly("wire.example", "daily.example", "herald.example");

        // the aggregates stage, fed these events, counts the story once
        var props = Fixtures.props(Stage.AGGREGATES, stateDir.resolve("agg"));
        try (TopologyTestDriver agg = new TopologyTestDriver(AggregatesTopology.build(topics, props), props)) {
            TestInputTopic<String, CooperationEvent> in = agg.createInputTopic(topics.events().name(),
                    topics.events().keySerde().serializer(), topics.events().valueSerde().serializer());
            TestOutputTopic<String, Aggregate> aggregates = agg.createOutputTopic(topics.aggregates().name(),
                    topics.aggregates().keySerde().deserializer(), topics.aggregates().valueSerde().deserializer());
            for (CooperationEvent e : out) in.pipeInput(e.getPair(), e, e.getEventTime());
            List<Aggregate> updates = aggregates.readValuesToList();
            assertThat(updates).isNotEmpty().allSatisfy(u -> {
                assertThat(u.getCount()).isEqualTo(1);
                assertThat(u.getArticles()).isEqualTo(1);
                assertThat(u.getArticleIds()).containsExactly(a.getId());
            });
        }
    }

    @Test
    void exactDuplicatesAreDroppedAndARevisionKeepsItsStory() {
        EnrichedArticle a = article("https://wire.example/story?utm_source=rss", "Wire", STORY, T0);
        pipe(a);
        // the feed lists it again, without the tracking parameter and with other spacing
        pipe(article("https://www.wire.example/story/", "Wire", STORY.replace("\n", "\n\n"), T0.plusSeconds(60)));
        // the same text again from the same source under another URL
        pipe(article("https://wire.example/print/story", "Wire", STORY, T0.plusSeconds(120)));
        // the page is updated: same URL, changed text
        String updated = STORY + "\nThe talks will continue in Moscow in March.";
        pipe(article("https://wire.example/story", "Wire", updated, T0.plusSeconds(180)));

        List<CooperationEvent> out = events.readValuesToList();
        assertThat(out).extracting(CooperationEvent::getArticleId)
                .containsExactly("https://wire.example/story?utm_source=rss", "https://wire.example/story");
        assertThat(out).extracting(CooperationEvent::getStoryId).containsOnly(a.getId());
        assertThat(out).extracting(CooperationEvent::getSources).containsExactly(1, 1);
    }

    @Test
    void theSameTextFromAnotherSourceIsASyndicatedCopyNotADuplicate() {
        pipe(article("https://wire.example/a", "Wire", STORY, T0));
        pipe(article("https://outlet.example/b", "Outlet", STORY, T0.plusSeconds(60)));
        assertThat(events.readValuesToList()).extracting(CooperationEvent::getStoryId, CooperationEvent::getSources)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://wire.example/a", 1),
                        org.assertj.core.groups.Tuple.tuple("https://wire.example/a", 2));
    }

    @Test
    void differentStoriesStaySeparateAndShortTextsMatchOnlyExactly() {
        String other = "Brazil and Argentina signed a trade agreement on beef exports and agreed to lower tariffs on"
                + " machinery, the foreign ministers of both countries said after a meeting in Buenos Aires on Monday.";
        pipe(article("https://wire.example/a", "Wire", STORY, T0));
        pipe(article("https://wire.example/b", "Wire", other, T0.plusSeconds(1)));
        pipe(article("https://x.example/short1", "X", "India and Russia agreed.", T0.plusSeconds(2)));
        pipe(article("https://y.example/short2", "Y", "India and Russia agreed!", T0.plusSeconds(3)));
        pipe(article("https://z.example/short3", "Z", "India and Russia disagreed.", T0.plusSeconds(4)));

        assertThat(events.readValuesToList()).extracting(CooperationEvent::getStoryId).containsExactly(
                "https://wire.example/a", "https://wire.example/b", "https://x.example/short1",
                "https://x.example/short1", "https://z.example/short3");
    }

    @Test
    void theIndexForgetsAfterItsRetentionAndACopyThenStartsANewStory() {
        start(DedupOptions.defaults().withRetention(Duration.ofHours(1)));
        pipe(article("https://wire.example/a", "Wire", STORY, T0));
        // stream time moves past the retention
        pipe(article("https://other.example/x", "Other", "Unrelated text about the weather in the hills today.",
                T0.plus(Duration.ofHours(3))));
        pipe(article("https://daily.example/b", "Daily", COPY_B, T0.plus(Duration.ofHours(3)).plusSeconds(1)));

        assertThat(events.readValuesToList()).extracting(CooperationEvent::getStoryId).containsExactly(
                "https://wire.example/a", "https://other.example/x", "https://daily.example/b");
        KeyValueStore<String, StoryIndex.Signature> signatures = driver.getKeyValueStore(StoryIndex.SIGNATURES_STORE);
        assertThat(signatures.get("https://wire.example/a")).isNull();
        KeyValueStore<String, StoryIndex.Story> stories = driver.getKeyValueStore(StoryIndex.STORIES_STORE);
        assertThat(stories.get("https://wire.example/a")).isNull();
    }

    @Test
    void theCandidateSerdeRoundTrips() {
        EnrichedArticle a = article("https://wire.example/a", "Wire", STORY, T0);
        StoryCandidate c = StoryCandidate.of(a, org.coopwatch.streams.event.CooperationEvents.list(a), DedupOptions.defaults());
        StoryCandidateSerde serde = new StoryCandidateSerde();
        StoryCandidate back = serde.decode(serde.encode(c));
        assertThat(back.articleId()).isEqualTo(c.articleId());
        assertThat(back.canonicalUrl()).isEqualTo("http://wire.example/a");
        assertThat(back.sourceKey()).isEqualTo("wire.example");
        assertThat(back.signature()).containsExactly(c.signature());
        assertThat(back.events()).isEqualTo(c.events());
    }
}
