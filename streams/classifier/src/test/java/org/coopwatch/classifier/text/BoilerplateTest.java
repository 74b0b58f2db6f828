package org.coopwatch.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoilerplateTest {
    private final Boilerplate b = new Boilerplate(List.of("en", "hi", "ru"));

    @Test
    void removesRelatedLinksCaptionsAndCreditsKeepingOffsets() {
        String text = "पीएम मोदी, व्लादिमीर पुतिन (फोटो- सोशल मीडिया)\nभारत और रूस ने बात की।\n"
                + "यह भी पढ़ें: चीन जाएंगे PM मोदी\n(एजेंसी इनपुट के साथ)";
        Boilerplate.Result r = b.apply(text);
        assertThat(r.cleaned()).hasSameSizeAs(text);
        assertThat(r.cleaned()).contains("भारत और रूस ने बात की।").doesNotContain("चीन").doesNotContain("पुतिन").doesNotContain("एजेंसी");
        assertThat(r.cleaned().indexOf("भारत")).isEqualTo(text.indexOf("भारत"));
        assertThat(r.removed()).containsExactly("पीएम मोदी, व्लादिमीर पुतिन (फोटो- सोशल मीडिया)",
                "यह भी पढ़ें: चीन जाएंगे PM मोदी", "(एजेंसी इनपुट के साथ)");
    }

    @Test
    void variantsAndOtherLanguages() {
        assertThat(b.apply("ये भी पढ़ें - कुछ").removed()).hasSize(1);
        assertThat(b.apply("Also read: China and India").removed()).hasSize(1);
        assertThat(b.apply("Читайте также: Россия").removed()).hasSize(1);
        assertThat(b.apply("Follow us on Twitter").removed()).hasSize(1);
        assertThat(b.apply("Home | World | Business | Sport").removed()).hasSize(1);
    }

    @Test
    void footerSpanInsideAOneLineArticleGoesButTheArticleStays() {
        String text = "भारत ने बयान जारी किया.(बीबीसी हिन्दी के एंड्रॉएड ऐप के लिए यहां \n\nक्लिक करें. आप हमें फ़ेसबुक और ट्विटर पर भी फ़ॉलो कर सकते हैं.)";
        Boilerplate.Result r = b.apply(text);
        assertThat(r.cleaned()).startsWith("भारत ने बयान जारी किया.").doesNotContain("क्लिक");
    }

    @Test
    void ordinaryTextIsUntouched() {
        String text = "India and Russia held talks on Wednesday.";
        assertThat(b.apply(text).cleaned()).isEqualTo(text);
        assertThat(b.apply(text).removed()).isEmpty();
    }
}
