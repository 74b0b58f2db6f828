package org.coopwatch.classifier.data;

/**
 * What a matched surface form stands for. One record type for all data files keeps the automaton
 * single: {@code value} is the ISO3 code, canonical name, PLOVER type, sector id, modality or cue
 * argument depending on {@code kind}; {@code country} is the ISO3 an entity belongs to (or null);
 * {@code detail} is a country form's kind (name, demonym, ...), a place kind, a person's role.
 */
public record Term(Kind kind, String value, String country, String detail, String lang) {

    public enum Kind {
        COUNTRY, PLACE, PERSON, ORG,
        /** an office title (value = English role) */
        TITLE,
        /** a rank or honorific skipped between a title and a name (कर्नल जनरल, Colonel General) */
        RANK,
        TRIGGER, SECTOR, MODALITY,
        /** looks like a trigger but is none ("told reporters", "ईरान समर्थित"): wins overlaps, then dropped */
        NOT_TRIGGER,
        /** "between", "के बीच": a list of three or more countries forms pairs only with it */
        BETWEEN,
        /** a subject pronoun (उन्होंने, he, он): the subject carries over from the last sentence */
        PRONOUN,
        /** "both sides", "दोनों देशों": refers back to the last pair */
        BOTH,
        /** case markers: an actor followed (AFTER) or preceded (BEFORE) by it is target / source */
        TARGET_AFTER, TARGET_BEFORE, SOURCE_AFTER, SOURCE_BEFORE,
        /** a form that looks like an entity but is not one (South America, Indian Ocean) */
        NOT_ENTITY,
        /** words that end a name captured after a title */
        NAME_STOP,
        /** heads of institution names (ministry, commission): sector words inside the name are not topics */
        INSTITUTION,
        /** right after a capital, makes it stand for its government ("Moscow said", "मॉस्को ने") */
        GOVERNMENT_VERB,
        /** heads of company names (Corp, Airlines): "Swiss Bank Corp" names a company, not Switzerland */
        COMPANY,
        /** opens a condition clause ("unless", "अगर", "если"): its content is not an event when the sentence has one */
        CONDITION,
        /** a demonstrative right before a trigger ("इस हमले", "this attack"): the event was reported before */
        ANAPHOR,
        /** locative case markers ("में", "in"): a country so marked is where something happens, not a party */
        LOCATIVE_AFTER, LOCATIVE_BEFORE,
        /** armed groups and the like ("गुरिल्ला", "militants"): a country word that qualifies one names no state actor */
        NON_STATE,
        /** a foreign mission ("embassy", "दूतावास", "посольств*"): a crowd protesting at one is its host country's */
        MISSION,
        /** "against", "के खिलाफ", "против" next to a country: what a protest is against */
        AGAINST,
        /** after a comma, opens a relative clause ("where", "which", "где"): a deed does not cross its edge */
        RELATIVE;

        public boolean isEntity() {
            return this == COUNTRY || this == PLACE || this == PERSON || this == ORG || this == NOT_ENTITY;
        }
    }

    /** The country this term lets us count as mentioned, or null. */
    public String countryRef() {
        return kind == Kind.COUNTRY ? value : country;
    }
}
