package io.ponte.connector.twenty;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/**
 * An opportunity (a lead in the clinic's pipeline) as flows hand it to the Twenty opportunity endpoints. Null fields
 * are left alone in Twenty.
 *
 * @param id Twenty's opportunity id (required by {@code direct:twenty-update-opportunity})
 * @param name e.g. {@code Consulta inicial - Maria Souza}
 * @param stage a stage option of the workspace, e.g. {@code NEW}, {@code SCREENING}, {@code MEETING},
 *     {@code PROPOSAL}, {@code CUSTOMER} (the defaults; workspaces may rename or add options)
 * @param personId the patient's Twenty person id, stored as the opportunity's point of contact
 * @param amount the value in currency units (250.00), stored by Twenty in micros
 * @param currency ISO 4217 code of {@code amount}; BRL when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TwentyOpportunity(
        @JsonAlias("opportunityId") String id,
        String name,
        String stage,
        @JsonAlias("pointOfContactId") String personId,
        String companyId,
        BigDecimal amount,
        @JsonAlias("currencyCode") String currency) {}
