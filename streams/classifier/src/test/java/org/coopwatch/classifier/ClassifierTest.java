package org.coopwatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour of the classifier on short texts, with the tiny test gazetteer (src/test/resources/testgaz). */
class ClassifierTest {
    private static final Classifier C = Classifier.load("testgaz/");

    private static Analysis run(String text) {
        return C.classify(Article.of("t", text));
    }

    private static List<String> events(Analysis a) {
        return a.interactions().stream().map(i -> i.source() + ">" + i.target() + ":" + i.type()).toList();
    }

    @Test
    void directionFromWordOrderAndCaseMarkers() {
        assertThat(events(run("The US threatened India with tariffs."))).containsExactly("USA>IND:THREATEN");
        assertThat(events(run("India was threatened by the US."))).containsExactly("USA>IND:THREATEN");
        assertThat(events(run("भारत ने पाकिस्तान पर आरोप लगाया।"))).containsExactly("IND>PAK:ACCUSE");
        assertThat(events(run("पाकिस्तान पर भारत ने आरोप लगाया।"))).containsExactly("IND>PAK:ACCUSE");
    }

    @Test
    void bothSidesRefersBackToThePair() {
        Analysis a = run("भारत और रूस के अधिकारियों की बैठक हुई। दोनों पक्षों ने रक्षा क्षेत्र में सहयोग पर चर्चा की।");
        assertThat(events(a)).contains("IND>RUS:CONSULT", "IND>RUS:COOPERATE");
        assertThat(a.interactions()).allMatch(i -> i.sectors().contains("defence"));
    }

    @Test
    void coordinatedCountriesActTogetherOnAThird() {
        assertThat(events(run("With the support of Russia and China, Pakistan backed the plan.")))
                .contains("CHN>PAK:SUPPORT", "RUS>PAK:SUPPORT").doesNotContain("CHN>RUS:SUPPORT", "RUS>CHN:SUPPORT");
        assertThat(events(run("US and Indian forces attacked the camp."))).isEmpty();
        assertThat(events(run("India and Russia signed an agreement."))).containsExactly("IND>RUS:AGREE");
    }

    @Test
    void mutualTriggersPairTheCountriesNamedTogether() {
        assertThat(events(run("India and China clashed on the border."))).containsExactly("IND>CHN:ASSAULT");
        assertThat(events(run("भारत और चीन के सैनिकों के बीच झड़प हुई।"))).containsExactly("IND>CHN:ASSAULT");
    }

    @Test
    void threatOfAttackIsAThreatNotAnAttack() {
        assertThat(events(run("अमेरिका ने पाकिस्तान पर हमले की धमकी दी।"))).containsExactly("USA>PAK:THREATEN");
        assertThat(events(run("The US threatened to impose sanctions on China."))).containsExactly("USA>CHN:THREATEN");
        assertThat(events(run("США пригрозили ввести санкции против России."))).containsExactly("USA>RUS:THREATEN");
        // the threatened sanction is the threat's content, also with words between ("on Friday", "that it would")
        assertThat(events(run("The US threatened on Friday to impose heavy tariffs on India."))).containsExactly("USA>IND:THREATEN");
        assertThat(events(run("The US warned that it would impose sanctions on China."))).containsExactly("USA>CHN:THREATEN");
        // a separate clause is an event of its own
        assertThat(events(run("The US threatened China, and imposed tariffs on India.")))
                .contains("USA>CHN:THREATEN").anySatisfy(e -> assertThat(e).endsWith(">IND:SANCTION"));
    }

    @Test
    void aBareInfinitiveOrKiClauseIsTheThreatsContentToo() {
        // Russian: the infinitive complement may follow adverbs ("на днях" = in the coming days)
        assertThat(events(run("США пригрозили на днях ввести санкции против России."))).containsExactly("USA>RUS:THREATEN");
        // Hindi: "धमकी दी कि ..." (threatened that ...) and a verbal noun after adverbs ("जल्द ही लगाने की धमकी")
        assertThat(events(run("अमेरिका ने धमकी दी कि वह रूस पर प्रतिबंध लगाएगा।"))).containsExactly("USA>RUS:THREATEN");
        assertThat(events(run("अमेरिका ने रूस पर प्रतिबंध जल्द ही लगाने की धमकी दी।"))).containsExactly("USA>RUS:THREATEN");
        // a postposition between them starts another phrase: the attack is no content of the appeal
        assertThat(events(run("पाकिस्तान ने अमेरिकी हमले में संयम बरतने का आह्वान किया।")))
                .anySatisfy(e -> assertThat(e).endsWith(":ASSAULT"));
    }

    @Test
    void aConditionClauseIsNoEventOfItsOwn() {
        assertThat(events(run("The US threatened on Tuesday to impose tariffs of up to 25 percent on steel imports from India "
                + "unless India lowers its duties on American farm goods."))).containsExactly("USA>IND:THREATEN");
        Analysis hi = run("अमेरिका ने कहा कि अगर पाकिस्तान अमेरिकी ठिकानों पर हमला करेगा, तो अमेरिका मुंहतोड़ जवाब देगा।");
        assertThat(events(hi)).containsExactly("USA>PAK:THREATEN");
        // the threat's own condition does not make the threat hypothetical
        assertThat(hi.interactions().get(0).modality()).isEqualTo(Modality.ASSERTED);
        assertThat(run("Россия заявила, что если США введут санкции, то Россия примет ответные меры.").interactions())
                .extracting(Analysis.Interaction::type).containsExactly(PloverType.THREATEN);
        // harm announced as the consequence of a condition is a threat of it
        assertThat(events(run("अमेरिका ने कहा कि अगर पाकिस्तान ने समझौते का उल्लंघन किया तो उस पर नए प्रतिबंध लगाए जाएंगे।")))
                .containsExactly("USA>PAK:THREATEN");
        assertThat(run("Россия заявила, что если Индия вступит в союз, то Россия введет санкции против Индии.").interactions())
                .extracting(Analysis.Interaction::type).containsExactly(PloverType.THREATEN);
        // a sentence that is only a hypothesis keeps it, marked
        Analysis h = run("If India and Russia sign a pact, trade could grow.");
        assertThat(h.interactions()).isNotEmpty().allMatch(i -> i.modality() == Modality.HYPOTHETICAL);
    }

    @Test
    void evidenceIsTheMostSpecificMentionOfTheType() {
        Analysis a = run("India and Russia discussed cooperation in many areas. Later India and Russia began the "
                + "technology transfer for aircraft engines.");
        assertThat(a.interactions()).filteredOn(i -> i.type() == PloverType.COOPERATE).singleElement()
                .satisfies(i -> assertThat(i.evidence().text()).contains("technology transfer"));
        Analysis hi = run("भारत और रूस ने कई क्षेत्रों में सहयोग पर चर्चा की। बाद में भारत और रूस ने विमान इंजनों के संयुक्त विकास का काम शुरू किया।");
        assertThat(hi.interactions()).filteredOn(i -> i.type() == PloverType.COOPERATE).singleElement()
                .satisfies(i -> assertThat(i.evidence().text()).contains("संयुक्त विकास"));
    }

    @Test
    void cooperationAsTheContentOfAnAgreementOrIntentIsAgreement() {
        assertThat(events(run("भारत और रूस ने सहयोग के समझौते पर हस्ताक्षर किए।"))).containsExactly("IND>RUS:AGREE");
        assertThat(events(run("India and Russia signed an agreement on cooperation."))).containsExactly("IND>RUS:AGREE");
        assertThat(events(run("भारत और अमेरिका ने सहयोग बढ़ाने के लिए साथ मिलकर काम जारी रखने की इच्छा प्रकट की।")))
                .containsExactly("IND>USA:AGREE");
        // a specific joint project named in the agreement is cooperation as well
        assertThat(events(run("Россия и Индия подписали соглашение о совместной разработке двигателей.")))
                .containsExactlyInAnyOrder("IND>RUS:AGREE", "IND>RUS:COOPERATE");
    }

    @Test
    void aMarkedSubjectTalksWithEachOfAList() {
        assertThat(events(run("अमेरिका ने भारत, रूस और चीन के मंत्रियों से बात की।")))
                .containsExactlyInAnyOrder("IND>USA:CONSULT", "RUS>USA:CONSULT", "CHN>USA:CONSULT");
        // without a subject outside the list, the list acts together
        assertThat(events(run("भारत, रूस और चीन के मंत्रियों की बैठक हुई।"))).isEmpty();
    }

    @Test
    void aDemonstrativePointsBackToAnEventAlreadyReported() {
        assertThat(events(run("अमेरिका ने इस हमले के बाद भारत के मंत्री से बात की।"))).containsExactly("IND>USA:CONSULT");
        assertThat(events(run("अमेरिका ने हमले के बाद भारत के मंत्री से बात की।"))).contains("IND>USA:CONSULT").hasSize(2);
        assertThat(events(run("After this attack the US talked with India."))).containsExactly("IND>USA:CONSULT");
    }

    @Test
    void aCountryNamedAsTheSceneIsNoParty() {
        // "living in China": the appeal goes to people, China is only where they live
        assertThat(events(run("भारत ने चीन में रह रहे भारतीय समुदाय से पंजीकरण कराने का अनुरोध किया।"))).isEmpty();
        assertThat(events(run("India urged Indians living in China to register with the embassy."))).isEmpty();
        assertThat(events(run("Россия призвала граждан, проживающих в Индии, зарегистрироваться."))).isEmpty();
        // without the scene marker the country is the addressee
        assertThat(events(run("भारत ने चीन से पंजीकरण कराने का अनुरोध किया।"))).containsExactly("IND>CHN:REQUEST");
        // troops are deployed to the country they are in
        assertThat(events(run("The US deployed troops inside India."))).containsExactly("USA>IND:MOBILIZE");
    }

    @Test
    void revengeIsAThreatAndAViolationOfSovereigntyAnAccusation() {
        assertThat(events(run("पाकिस्तान ने अमेरिका से बदला लेने को कहा है।"))).containsExactly("PAK>USA:THREATEN");
        assertThat(events(run("Россия пообещала отомстить США."))).containsExactly("RUS>USA:THREATEN");
        // ... and the attack is the modifier's doing ("अमेरिकी ड्रोन हमले" = the American drone strike)
        assertThat(events(run("पाकिस्तान ने अमेरिकी ड्रोन हमले को अपनी संप्रभुता का उल्लंघन बताया।")))
                .containsExactlyInAnyOrder("PAK>USA:ACCUSE", "USA>PAK:ASSAULT");
        assertThat(run("India said the strike by Pakistan was a violation of its sovereignty.").interactions())
                .extracting(Analysis.Interaction::type).contains(PloverType.ACCUSE);
        // "X का हाथ था" (X had a hand in it) blames X
        assertThat(events(run("भारत ने कहा कि मुंबई हमलों में पाकिस्तान का हाथ था।"))).contains("IND>PAK:ACCUSE");
    }

    @Test
    void aBlocAsTheMarkedSpeakerIsNoCountry() {
        assertThat(events(run("NATO के सभी सदस्यों ने अमेरिका के कदम का समर्थन किया और पाकिस्तान की निंदा की।"))).isEmpty();
        assertThat(events(run("भारत के सभी मंत्रियों ने अमेरिका के कदम का समर्थन किया।"))).containsExactly("IND>USA:SUPPORT");
    }

    @Test
    void declaringAStatesForcesTerroristIsASanction() {
        assertThat(events(run("पाकिस्तान की संसद ने अमेरिकी सेना को आतंकवादी घोषित करने का प्रस्ताव पारित किया।")))
                .containsExactly("PAK>USA:SANCTION");
        assertThat(run("The US designated a terrorist organization the army of Pakistan.").interactions())
                .extracting(Analysis.Interaction::type).containsExactly(PloverType.SANCTION);
    }

    @Test
    void whatACountryShouldDoIsHypotheticalButADemandStaysAsserted() {
        assertThat(run("पाकिस्तान को भी भारत के साथ सहयोग करना चाहिए।").interactions())
                .isNotEmpty().allMatch(i -> i.modality() == Modality.HYPOTHETICAL && i.confidence() < 0.6);
        assertThat(run("Russia should cooperate with India.").interactions())
                .isNotEmpty().allMatch(i -> i.modality() == Modality.HYPOTHETICAL && i.confidence() < 0.6);
        assertThat(run("Россия должна сотрудничать с Индией.").interactions())
                .isNotEmpty().allMatch(i -> i.modality() == Modality.HYPOTHETICAL && i.confidence() < 0.6);
        // what a demand asks for is its content, not its modality
        assertThat(run("The US urged that India should lower its tariffs.").interactions()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo(PloverType.REQUEST);
            assertThat(i.modality()).isEqualTo(Modality.ASSERTED);
        });
    }

    @Test
    void fishermenAreAgricultureAndMigrationPeopleToPeople() {
        assertThat(run("भारत और पाकिस्तान ने मछुआरों के मुद्दे पर बातचीत की।").interactions())
                .singleElement().satisfies(i -> assertThat(i.sectors()).containsExactly("agriculture"));
        assertThat(run("India and Russia signed a migration and mobility partnership agreement.").interactions())
                .isNotEmpty().allSatisfy(i -> assertThat(i.sectors()).contains("education_culture"));
    }

    @Test
    void aStateBodyCarriesItsCountrysCaseMarker() {
        // "पाकिस्तान की संसद द्वारा" marks Pakistan as the agent; the Hindi object stands before the act, not after it
        assertThat(events(run("भारत द्वारा चीन को धमकी और पाकिस्तान की संसद द्वारा अमेरिकी सेना को निकालने के प्रस्ताव से तनाव बढ़ा।")))
                .containsExactlyInAnyOrder("IND>CHN:THREATEN", "PAK>USA:REQUEST");
        assertThat(events(run("रूस के विदेश मंत्रालय ने कहा कि वह भारत के कदम की निंदा करता है और इसे चीन के लिए खतरा मानता है।")))
                .containsExactly("RUS>IND:ACCUSE");
    }

    @Test
    void leavingAnAgreementIsARejection() {
        assertThat(events(run("अमेरिका ने रूस के साथ परमाणु समझौते से अलग होने की घोषणा की।"))).containsExactly("USA>RUS:REJECT");
        assertThat(events(run("The US withdrew from the deal with Russia."))).containsExactly("USA>RUS:REJECT");
        assertThat(events(run("США вышли из соглашения с Россией."))).containsExactly("USA>RUS:REJECT");
    }

    @Test
    void aCountryWordQualifyingAnArmedGroupIsNoStateActor() {
        assertThat(events(run("पाकिस्तान के आतंकवादियों ने भारत पर हमला किया।"))).isEmpty();
        assertThat(events(run("Pakistan-backed militants attacked India."))).isEmpty();
        assertThat(events(run("Российские боевики атаковали Индию."))).isEmpty();
        assertThat(events(run("पाकिस्तान ने भारत पर हमला किया।"))).containsExactly("PAK>IND:ASSAULT");
    }

    @Test
    void aLongerSectorFormHidesTheShorterOnesInsideIt() {
        assertThat(run("भारत ने पाकिस्तान के परमाणु हथियारों की आलोचना की।").interactions())
                .singleElement().satisfies(i -> assertThat(i.sectors()).containsExactly("defence"));
    }

    @Test
    void aRussianGenitiveBeforeTheActIsNoModifierOfIt() {
        assertThat(events(run("Посол США шантажирует компании России санкциями."))).containsExactly("USA>RUS:SANCTION");
        // an agent named with "by" outranks the modifier
        assertThat(events(run("The Indian sanctions law, enacted by the US, banned imports."))).containsExactly("USA>IND:SANCTION");
    }

    @Test
    void refusedProposalIsARejectionNotTalks() {
        assertThat(events(run("Pakistan rejected India's proposal for talks."))).containsExactly("PAK>IND:REJECT");
        assertThat(events(run("पाकिस्तान ने भारत के बातचीत के प्रस्ताव को खारिज कर दिया।"))).containsExactly("PAK>IND:REJECT");
    }

    @Test
    void russianStemsAndDirection() {
        assertThat(events(run("США пригрозили Индии пошлинами."))).containsExactly("USA>IND:THREATEN");
        assertThat(events(run("Россия и Индия подписали соглашение о совместной разработке двигателей.")))
                .containsExactlyInAnyOrder("IND>RUS:AGREE", "IND>RUS:COOPERATE");
        Analysis a = run("Россия и Индия провели переговоры. Обе стороны договорились о сотрудничестве в сфере энергетики.");
        assertThat(a.interactions()).anySatisfy(i -> {
            assertThat(i.type()).isEqualTo(PloverType.AGREE);
            assertThat(i.sectors()).contains("energy");
        });
    }

    @Test
    void negationDropsAndHypothesisMarks() {
        assertThat(run("India did not sign an agreement with Russia.").interactions()).isEmpty();
        assertThat(run("भारत ने रूस के साथ समझौता नहीं किया।").interactions()).isEmpty();
        Analysis h = run("If India and Russia sign a pact, trade could grow.");
        assertThat(h.interactions()).allMatch(i -> i.modality() == Modality.HYPOTHETICAL && i.confidence() < 0.6);
        Analysis asserted = run("India and Russia signed a pact.");
        assertThat(asserted.interactions()).singleElement().satisfies(i -> {
            assertThat(i.modality()).isEqualTo(Modality.ASSERTED);
            assertThat(i.confidence()).isGreaterThan(0.8);
        });
        Analysis reported = run("Reportedly India and Russia signed a pact.");
        assertThat(reported.interactions()).singleElement().satisfies(i -> assertThat(i.modality()).isEqualTo(Modality.REPORTED));
        assertThat(run("Россия и Индия не подписали соглашение.").interactions()).isEmpty();
        Analysis hiHyp = run("अगर भारत और रूस समझौता करते हैं तो व्यापार बढ़ेगा।");
        assertThat(hiHyp.interactions()).allMatch(i -> i.modality() == Modality.HYPOTHETICAL);
        Analysis hiRep = run("कथित तौर पर भारत और रूस ने समझौता किया।");
        assertThat(hiRep.interactions()).singleElement().satisfies(i -> {
            assertThat(i.modality()).isEqualTo(Modality.REPORTED);
            assertThat(i.confidence()).isLessThan(asserted.interactions().get(0).confidence());
        });
    }

    @Test
    void aCountryWordOpeningACompanyNameIsNoCountry() {
        assertThat(run("Shares of Indian Hotels Co rose; Russian Standard Bank Ltd fell.").countries()).isEmpty();
        assertThat(run("Indian farmers sold rice to Russian Standard Bank Ltd.").countries()).containsExactly("IND");
        // "Bank" alone is no company head: the country's banks or banking authorities
        assertThat(run("The Russian Bank Authorities reported it.").countries()).containsExactly("RUS");
        // after an abbreviation a capital letter is no sign of a name
        assertThat(run("It bought a U.S. Insurance broker.").countries()).containsExactly("USA");
    }

    @Test
    void capitalCountsOnlyWhenItActs() {
        assertThat(run("Talks were held in Moscow on Monday.").countries()).isEmpty();
        assertThat(run("Washington said it would respond.").countries()).containsExactly("USA");
    }

    @Test
    void peopleFromTitlesWithCountryFromContext() {
        Analysis a = run("रूस के उप रक्षा मंत्री कर्नल जनरल अलेक्सांद्र फोमिन ने भारतीय राजदूत विनय कुमार से मुलाकात की।");
        assertThat(a.people()).contains(new Analysis.Person("Alexander Fomin", "RUS", "Deputy Minister of Defence"),
                new Analysis.Person("Vinay Kumar", "IND", "Ambassador"));
        assertThat(events(a)).containsExactly("IND>RUS:CONSULT");
        Analysis e = run("Russian Foreign Minister Sergei Lavrov met Indian Ambassador Vinay Kumar.");
        assertThat(e.people()).contains(new Analysis.Person("Sergei Lavrov", "RUS", "Foreign Minister"),
                new Analysis.Person("Vinay Kumar", "IND", "Ambassador"));
    }

    @Test
    void aTitledPersonLaterNamedBySurnameStillActsForTheCountry() {
        Analysis a = run("रूस के उप रक्षा मंत्री अलेक्सांद्र फोमिन ने बयान दिया। बाद में फोमिन ने भारत की आलोचना की।");
        assertThat(events(a)).containsExactly("RUS>IND:ACCUSE");
    }

    @Test
    void aSurnameAfterATitleIsThePersonAlreadyNamed() {
        Analysis a = run("भारत के मंत्री जेपी नड्डा ने कहा। बाद में मंत्री नड्डा ने फिर कहा।");
        assertThat(a.people()).extracting(Analysis.Person::name).containsExactly("Jepi Nadda");
        assertThat(a.people().get(0).country()).isEqualTo("IND");
    }

    @Test
    void gazetteerPeopleAndOrganisationsBringTheirCountry() {
        Analysis a = run("Trump spoke to the Kremlin.");
        assertThat(a.countries()).containsExactly("RUS", "USA");
        assertThat(a.people()).extracting(Analysis.Person::name).containsExactly("Donald Trump");
        assertThat(a.organizations()).extracting(Analysis.Organization::name).containsExactly("Kremlin");
    }

    @Test
    void mixedScriptsAndRomanisedHindi() {
        Analysis a = run("PM मोदी और Trump की बैठक");
        assertThat(a.language()).isEqualTo("hi");
        Analysis r = run("Bharat aur Rus ke beech raksha samjhauta");
        assertThat(r.language()).isEqualTo("hi");
        assertThat(r.countries()).containsExactly("IND", "RUS");
        assertThat(events(r)).containsExactly("IND>RUS:AGREE");
    }

    @Test
    void separateTitleNamesCountriesAllCapsToo() {
        Analysis a = C.classify(new Article("t", "Talks went on.", "CHINA AND PAKISTAN HOLD TALKS", null));
        assertThat(a.countries()).containsExactly("CHN", "PAK");
        Analysis lower = C.classify(new Article("t", "Talks went on.", "fine china for sale", null));
        assertThat(lower.countries()).isEmpty();
    }

    @Test
    void multiWordCuesMatchAcrossDoubleSpaces() {
        Analysis a = run("भारत और रूस के बीच बैठक हुई। दोनों  पक्षों  ने सहयोग पर चर्चा की।");
        assertThat(events(a)).contains("IND>RUS:CONSULT", "IND>RUS:COOPERATE");
    }

    @Test
    void emptyAndMissingText() {
        Analysis a = run("");
        assertThat(a.countries()).isEmpty();
        assertThat(a.language()).isEqualTo("und");
        assertThatThrownBy(() -> Article.of("x", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadSafeSameResultsFromManyThreads() throws Exception {
        String text = "भारत और रूस के बीच समझौता हुआ। अमेरिका ने भारत को धमकी दी।";
        List<String> expected = events(run(text));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) fs.add(pool.submit(() -> events(run(text))));
            for (Future<List<String>> f : fs) assertThat(f.get()).isEqualTo(expected);
        } finally {
            pool.shutdown();
        }
        assertThat(expected).contains("IND>RUS:AGREE", "USA>IND:THREATEN");
    }
}
