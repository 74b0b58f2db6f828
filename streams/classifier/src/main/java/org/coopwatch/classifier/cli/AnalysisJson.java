package org.coopwatch.classifier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.coopwatch.classifier.Analysis;

/** The {@code classify} output line of docs/event-model.md for one analysis. */
public final class AnalysisJson {
    private AnalysisJson() {}

    public static ObjectNode toJson(ObjectMapper mapper, String id, Analysis a) {
        return toJson(mapper, id, a, false);
    }

    /**
     * With {@code explain}, adds {@code country_evidence}: per country, its number of mentions, whether
     * the headline names it, whether it is a party to an event, and its first mention with offsets.
     */
    public static ObjectNode toJson(ObjectMapper mapper, String id, Analysis a, boolean explain) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", id);
        o.put("language", a.language());
        ArrayNode countries = o.putArray("countries");
        a.countries().forEach(countries::add);
        ArrayNode places = o.putArray("places");
        for (Analysis.Place p : a.places()) places.addObject().put("name", p.name()).put("country", p.country());
        ArrayNode people = o.putArray("people");
        for (Analysis.Person p : a.people()) people.addObject().put("name", p.name()).put("country", p.country()).put("role", p.role());
        ArrayNode orgs = o.putArray("organizations");
        for (Analysis.Organization g : a.organizations()) orgs.addObject().put("name", g.name()).put("country", g.country());
        ArrayNode events = o.putArray("events");
        for (Analysis.Interaction i : a.interactions()) {
            ObjectNode e = events.addObject();
            e.put("source", i.source());
            e.put("target", i.target());
            e.put("type", i.type().name());
            e.put("cameo", i.type().cameo());
            ArrayNode sectors = e.putArray("sectors");
            i.sectors().forEach(sectors::add);
            e.put("confidence", i.confidence());
            e.put("modality", i.modality().id());
            e.putObject("evidence").put("text", i.evidence().text()).put("start", i.evidence().start()).put("end", i.evidence().end());
        }
        ArrayNode bp = o.putArray("boilerplate");
        a.boilerplate().forEach(bp::add);
        if (explain) {
            ArrayNode ce = o.putArray("country_evidence");
            for (Analysis.CountryEvidence c : a.countryEvidence()) {
                ObjectNode e = ce.addObject();
                e.put("country", c.country()).put("mentions", c.mentions()).put("headline", c.headline()).put("party", c.party());
                if (c.first() != null) {
                    e.putObject("first").put("text", c.first().text()).put("start", c.first().start()).put("end", c.first().end());
                }
            }
        }
        return o;
    }
}
