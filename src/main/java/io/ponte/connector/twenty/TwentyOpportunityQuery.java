package io.ponte.connector.twenty;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Which opportunity {@code direct:twenty-find-open-opportunity} looks for: the most recently created one whose
 * point of contact is the patient and whose stage is not a closed one.
 *
 * @param personId the patient's Twenty person id
 * @param closedStages stages that end an opportunity; {@code [CUSTOMER]} when absent (the only closing stage of a
 *     new workspace). A workspace that added e.g. {@code LOST} passes {@code ["CUSTOMER", "LOST"]}; an empty list
 *     means any stage counts as open.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TwentyOpportunityQuery(
        @JsonAlias({"pointOfContactId", "id"}) String personId,
        List<String> closedStages) {

    static final List<String> DEFAULT_CLOSED_STAGES = List.of("CUSTOMER");

    public List<String> closedStagesOrDefault() {
        return closedStages == null ? DEFAULT_CLOSED_STAGES : closedStages;
    }
}
