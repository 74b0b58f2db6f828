package org.coopwatch.classifier.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.coopwatch.classifier.Modality;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.classifier.Sector;
import org.coopwatch.classifier.match.Dictionary;
import org.coopwatch.classifier.text.TextNormalizer;

/**
 * Loads every gazetteer and lexicon file (all languages) into one {@link Dictionary}. Formats:
 * <pre>
 * gazetteer/countries.L.tsv      ISO3 TAB kind TAB forms
 * gazetteer/places.L.tsv         Latin name TAB ISO3 TAB kind TAB forms
 * gazetteer/people.L.tsv         Latin name TAB ISO3 TAB role TAB forms
 * gazetteer/organizations.L.tsv  Canonical name TAB ISO3|- TAB forms
 * lexicon/triggers.L.tsv         PLOVER TYPE TAB forms [TAB mutual: the two sides act on each other]
 * lexicon/sectors.L.tsv          sector id TAB forms
 * lexicon/modality.L.tsv         NEGATED|HYPOTHETICAL|REPORTED TAB forms
 * lexicon/titles.L.tsv           forms TAB English role (role RANK = a rank skipped before names)
 * lexicon/cues.L.tsv             CUE TAB forms (BOTH, TARGET_AFTER, ..., NOT_ENTITY, NAME_STOP, INSTITUTION, COMPANY, CONDITION, ANAPHOR, LOCATIVE_AFTER, LOCATIVE_BEFORE, NON_STATE, MISSION)
 * </pre>
 * Forms are '|'-separated; {@code *} = stem, leading {@code =} = case-sensitive.
 */
public final class Lexicons {
    public static final List<String> LANGUAGES = List.of("en", "hi", "ru", "hi-latn");
    public static final String DEFAULT_GAZETTEER = "org/coopwatch/classifier/gazetteer/";
    public static final String LEXICON = "org/coopwatch/classifier/lexicon/";
    private static final Set<String> COUNTRY_KINDS = Set.of("name", "short", "demonym", "adjective", "capital", "alias", "historic");
    private static final Set<String> CUE_KINDS = Set.of("BOTH", "TARGET_AFTER", "TARGET_BEFORE", "SOURCE_AFTER", "SOURCE_BEFORE",
            "NOT_ENTITY", "NAME_STOP", "INSTITUTION", "GOVERNMENT_VERB", "PRONOUN", "NOT_TRIGGER", "BETWEEN", "COMPANY", "CONDITION", "ANAPHOR", "LOCATIVE_AFTER", "LOCATIVE_BEFORE", "NON_STATE", "MISSION", "AGAINST", "RELATIVE");

    private Lexicons() {}

    public static TextNormalizer normalizer() {
        List<String[]> variants = new ArrayList<>();
        for (DataFiles.Row r : DataFiles.rows(LEXICON + "variants.tsv")) {
            if (r.fields().length < 2) throw r.error("expected 'variant <TAB> canonical'");
            variants.add(new String[] {r.field(0), r.field(1)});
        }
        return new TextNormalizer(variants);
    }

    /**
     * Builds the dictionary. A malformed data line is skipped and described in {@code warnings}
     * (one bad line must not stop a running pipeline; a test keeps the bundled data free of them).
     */
    public static Dictionary load(TextNormalizer normalizer, String gazetteerBase, int[] statsOut, List<String> warnings) {
        Dictionary.Builder b = new Dictionary.Builder(normalizer);
        int[] counts = new int[2];
        for (String lang : LANGUAGES) {
            for (String kind : List.of("countries", "places", "people", "organizations")) {
                for (DataFiles.Row r : DataFiles.rows(gazetteerBase + kind + "." + lang + ".tsv")) {
                    try {
                        counts[0] += gazetteerRow(b, kind, r, lang);
                    } catch (IllegalArgumentException e) {
                        warnings.add(e.getMessage());
                    }
                }
            }
            for (String kind : List.of("triggers", "sectors", "modality", "titles", "cues")) {
                for (DataFiles.Row r : DataFiles.rows(LEXICON + kind + "." + lang + ".tsv")) {
                    try {
                        counts[1] += lexiconRow(b, kind, r, lang);
                    } catch (IllegalArgumentException e) {
                        warnings.add(e.getMessage());
                    }
                }
            }
        }
        if (statsOut != null) { statsOut[0] = counts[0]; statsOut[1] = counts[1]; }
        return b.build();
    }

    private static int addForms(Dictionary.Builder b, String field, Term t) {
        int n = 0;
        for (String f : DataFiles.forms(field)) { b.add(f, t); n++; }
        return n;
    }

    private static String isoOrNull(DataFiles.Row r, String s) {
        return s.isBlank() || s.trim().equals("-") ? null : iso(r, s);
    }

    private static int gazetteerRow(Dictionary.Builder b, String kind, DataFiles.Row r, String lang) {
        switch (kind) {
            case "countries" -> {
                need(r, 3);
                String iso = iso(r, r.field(0));
                String k = r.field(1).toLowerCase(Locale.ROOT);
                if (!COUNTRY_KINDS.contains(k)) throw r.error("unknown country form kind '" + k + "'");
                return addForms(b, r.field(2), new Term(Term.Kind.COUNTRY, iso, iso, k, lang));
            }
            case "places" -> {
                need(r, 4);
                return addForms(b, r.field(3), new Term(Term.Kind.PLACE, r.field(0), isoOrNull(r, r.field(1)), r.field(2).toLowerCase(Locale.ROOT), lang));
            }
            case "people" -> {
                need(r, 4);
                return addForms(b, r.field(3), new Term(Term.Kind.PERSON, r.field(0), isoOrNull(r, r.field(1)), r.field(2).isEmpty() ? null : r.field(2), lang));
            }
            default -> {
                need(r, 3);
                return addForms(b, r.field(2), new Term(Term.Kind.ORG, r.field(0), isoOrNull(r, r.field(1)), null, lang));
            }
        }
    }

    private static int lexiconRow(Dictionary.Builder b, String kind, DataFiles.Row r, String lang) {
        need(r, 2);
        switch (kind) {
            case "triggers" -> {
                String type;
                try {
                    type = PloverType.valueOf(r.field(0).toUpperCase(Locale.ROOT)).name();
                } catch (IllegalArgumentException e) {
                    throw r.error("unknown PLOVER type '" + r.field(0) + "'");
                }
                String mode = r.field(2);
                if (!mode.isEmpty() && !mode.equals("mutual") && !mode.equals("specific"))
                    throw r.error("third field of a trigger line may only be 'mutual' or 'specific'");
                return addForms(b, r.field(1), new Term(Term.Kind.TRIGGER, type, null, mode.isEmpty() ? null : mode, lang));
            }
            case "sectors" -> {
                String id;
                try {
                    id = Sector.fromId(r.field(0)).id();
                } catch (IllegalArgumentException e) {
                    throw r.error("unknown sector '" + r.field(0) + "'");
                }
                return addForms(b, r.field(1), new Term(Term.Kind.SECTOR, id, null, null, lang));
            }
            case "modality" -> {
                String m;
                try {
                    m = Modality.valueOf(r.field(0).toUpperCase(Locale.ROOT)).name();
                } catch (IllegalArgumentException e) {
                    throw r.error("unknown modality '" + r.field(0) + "'");
                }
                return addForms(b, r.field(1), new Term(Term.Kind.MODALITY, m, null, null, lang));
            }
            case "titles" -> {
                String role = r.field(1);
                Term t = role.equals("RANK") ? new Term(Term.Kind.RANK, role, null, null, lang)
                        : new Term(Term.Kind.TITLE, role, null, null, lang);
                return addForms(b, r.field(0), t);
            }
            default -> {
                String k = r.field(0).toUpperCase(Locale.ROOT);
                if (!CUE_KINDS.contains(k)) throw r.error("unknown cue kind '" + r.field(0) + "'");
                return addForms(b, r.field(1), new Term(Term.Kind.valueOf(k), k, null, null, lang));
            }
        }
    }

    private static void need(DataFiles.Row r, int fields) {
        if (r.fields().length < fields) throw r.error("expected " + fields + " TAB-separated fields, found " + r.fields().length);
    }

    private static String iso(DataFiles.Row r, String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        if (t.length() != 3 || !t.chars().allMatch(c -> c >= 'A' && c <= 'Z')) throw r.error("not an ISO3 code: '" + s + "'");
        return t;
    }
}
