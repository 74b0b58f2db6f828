package org.coopwatch.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.avro.specific.SpecificRecord;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.schemas.topic.Topic;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.sink.Sink;
import org.coopwatch.sink.SinkConfig;
import org.coopwatch.sink.db.JdbcUrls;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.config.StreamsSettings;
import org.coopwatch.streams.topology.AggregatesTopology;
import org.coopwatch.web.TestData;
import org.coopwatch.web.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in headless Chromium, fed the real way: records on the embedded broker, the aggregates
 * stage and the sink (SQLite) in this JVM, the sink's listener being the web server's live feed. The page
 * loads, shows an article whose title is a script tag as text, and shows an alert produced after it
 * loaded without being reloaded. A screenshot goes to target/screenshots/live-view.png.
 */
class LiveViewBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final String XSS_TITLE = "<script>alert(1)</script>";
    static final String XSS_MESSAGE = "India and Russia agree <img src=x onerror=\"document.title='pwned'\">";

    @TempDir static Path dir;
    static EmbeddedKafka kafka;
    static final Topics topics = Topics.defaults();
    static WebServer web;
    static KafkaStreams aggregates;
    static Sink sink;
    static WebDriver browser;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipping the browser test: " + CHROMIUM + " is absent (install the Debian "
                + "packages chromium and chromium-driver)");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "skipping the browser test: " + CHROMEDRIVER + " is absent (install "
                + "the Debian package chromium-driver)");
        kafka = EmbeddedKafka.start(dir.resolve("broker"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<NewTopic> list = new ArrayList<>();
            for (String t : List.of(topics.events().name(), topics.alerts().name(), topics.aggregates().name())) {
                list.add(new NewTopic(t, 2, (short) 1));
            }
            list.add(new NewTopic(topics.dlq().name(), 1, (short) 1));
            admin.createTopics(list).all().get();
        }
        web = WebServer.builder().port(0).kafka(kafka.bootstrapServers(), Map.of()).build().start();
        Properties props = StreamsSettings.builder(kafka.bootstrapServers()).applicationIdPrefix("browserit")
                .stateDir(dir.resolve("state")).build().forStage(Stage.AGGREGATES);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, web.applicationServer());
        aggregates = new KafkaStreams(AggregatesTopology.build(topics, props), props);
        web.aggregates(aggregates).addStage("aggregates", "browserit-aggregates", aggregates);
        aggregates.start();
        sink = new Sink(SinkConfig.builder().bootstrapServers(kafka.bootstrapServers()).groupId("browserit-sink")
                .jdbcUrl(JdbcUrls.sqlite(dir.resolve("sink"))).build());
        sink.addListener(web.liveFeed());
        web.sink(sink);
        sink.start();

        List<CooperationEvent> events = List.of(
                TestData.event("a1", "IND", "RUS", PloverType.AGREE, 0.9, List.of("energy", "defence"), NOW.minus(3, ChronoUnit.HOURS)),
                TestData.event("a2", "IND", "RUS", PloverType.CONSULT, 0.8, List.of("aerospace"), NOW.minus(2, ChronoUnit.HOURS)),
                TestData.event("a3", "CHN", "IND", PloverType.THREATEN, 0.7, List.of("trade"), NOW.minus(26, ChronoUnit.HOURS)),
                TestData.event("a4", "BRA", "IND", PloverType.AID, 0.6, List.of("health"), NOW.minus(50, ChronoUnit.HOURS)),
                CooperationEvent.newBuilder(TestData.event("a5", "USA", "IND", PloverType.SANCTION, 0.8, List.of("finance"),
                        NOW.minus(1, ChronoUnit.HOURS))).setUrl("javascript:alert(2)").setTitle("Sanctions threatened").build(),
                TestData.event("xss", "IND", "RUS", PloverType.COOPERATE, 0.7, List.of("space"), NOW.minus(30, ChronoUnit.MINUTES),
                        XSS_TITLE));
        for (CooperationEvent e : events) send(topics.events(), e.getPair(), e);
        awaitTrue("the live feed has the events", () -> web.liveFeed().received("event") >= events.size());
        awaitTrue("aggregates computed", () -> web.liveFeed().received("aggregate") > 0);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1700",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        // the driver is given: Selenium Manager must not look for (or download) one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        browser = new ChromeDriver(options);
    }

    static <K, V extends SpecificRecord> void send(Topic<K, V> topic, K key, V value) throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for: " + what);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (sink != null) {
            sink.close();
            sink.awaitTermination(Duration.ofSeconds(30));
        }
        if (aggregates != null) aggregates.close(Duration.ofSeconds(30));
        if (web != null) web.close();
        if (kafka != null) kafka.close();
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, PATIENCE);
    }

    @Test
    void thePageShowsArticleTextAsTextAndAnAlertProducedAfterLoadWithoutReload() throws Exception {
        browser.get(web.url());
        waiting().until(d -> d.findElement(By.id("conn")).getText().equals("live"));
        ((JavascriptExecutor) browser).executeScript("window.__loadedOnce = 'yes';");

        // the script-tag title is shown as text, not run and not turned into an element
        WebElement xss = waiting().until(d -> d.findElements(By.cssSelector("#events li.event")).stream()
                .filter(li -> li.getAttribute("data-id").startsWith("xss|")).findFirst().orElse(null));
        assertThat(xss.findElement(By.cssSelector(".title")).getText()).isEqualTo(XSS_TITLE);
        assertThat(browser.findElements(By.cssSelector("#events script"))).isEmpty();
        assertThat(xss.findElement(By.cssSelector(".evidence")).getText()).isEqualTo("IND and RUS cooperate on [space]");
        // a javascript: URL from an article does not become a link
        WebElement sanctions = browser.findElements(By.cssSelector("#events li.event")).stream()
                .filter(li -> li.getAttribute("data-id").startsWith("a5|")).findFirst().orElseThrow();
        assertThat(sanctions.findElements(By.cssSelector("a"))).isEmpty();
        assertThat(sanctions.findElement(By.cssSelector(".title")).getText()).isEqualTo("Sanctions threatened");
        assertThat(browser.findElement(By.cssSelector("#events li.event[data-id^='a1|'] a.title")).getAttribute("href"))
                .isEqualTo("https://news.invalid/a1");

        // an alert produced now arrives over the open stream
        Alert alert = TestData.alert("after-load", "IND", "RUS", PloverType.AGREE, XSS_MESSAGE, NOW.minus(5, ChronoUnit.MINUTES),
                Instant.now());
        send(topics.alerts(), alert.getPair(), alert);
        WebElement shown = waiting().until(d -> d.findElements(By.cssSelector("#alerts li.alert")).stream()
                .filter(li -> "after-load".equals(li.getAttribute("data-id"))).findFirst().orElse(null));
        assertThat(shown.findElement(By.cssSelector(".message")).getText()).isEqualTo(XSS_MESSAGE);
        assertThat(shown.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__loadedOnce;")).as("not reloaded").isEqualTo("yes");
        assertThat(browser.getTitle()).isEqualTo("coopwatch · live operations");
        assertThatThrownBy(() -> browser.switchTo().alert()).as("no script ran an alert()").isInstanceOf(NoAlertPresentException.class);

        // heat map, chart and health are drawn from the API
        waiting().until(d -> !d.findElements(By.cssSelector("#heatmap table.heat tbody tr")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#heatmap tbody tr")).get(0).findElement(By.tagName("td")).getText())
                .isEqualTo("IND-RUS");
        waiting().until(d -> !d.findElements(By.cssSelector("#chart svg rect")).isEmpty());
        waiting().until(d -> d.findElements(By.cssSelector("#stages tbody tr")).size() >= 3);
        assertThat(browser.findElement(By.cssSelector("#stages tbody")).getText()).contains("stage aggregates", "RUNNING", "sink (browserit-sink)");
        waiting().until(d -> d.findElement(By.id("dlq-count")).getText().startsWith("0 records"));

        Path shot = Path.of("target", "screenshots", "live-view.png");
        Files.createDirectories(shot.getParent());
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(shot, png);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
}
