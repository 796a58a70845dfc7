package io.ponte.ops;

import io.ponte.contact.Contact;
import io.ponte.contact.ContactDirectory;
import io.ponte.contact.ContactDirectory.Facts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /booking-link/{contactId}} (seed 000 §3.1): the Cal.com public booking link prefilled with the
 * contact's name, e-mail and phone, carrying Ponte's contact id so the booking webhook finds the contact again.
 * {@code contactId} is Ponte's id, or a system's own id with {@code ?system=twenty|chatwoot|kommo…}.
 */
@RestController
public class BookingLinkController {

    private final ContactDirectory contacts;
    private final ProducerTemplate camel;

    public BookingLinkController(ContactDirectory contacts, ProducerTemplate camel) {
        this.contacts = contacts;
        this.camel = camel;
    }

    @GetMapping("/booking-link/{contactId}")
    public ResponseEntity<Object> link(@PathVariable String contactId,
            @RequestParam(name = "system", required = false) String system) {
        Optional<Contact> contact = system == null || system.isBlank()
                ? contacts.byId(Ids.parse(contactId))
                : contacts.find(new Facts(null, null, null, null, system, contactId));
        if (contact.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no contact " + contactId
                    + (system == null ? "" : " in " + system)));
        }
        Contact c = contact.get();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", c.name());
        request.put("email", c.email());
        request.put("phone", c.phone());
        request.put("contactId", c.id().toString());
        try {
            Object answer = camel.requestBody("direct:calcom-booking-link", request);
            return ResponseEntity.ok(answer);
        } catch (CamelExecutionException e) {
            String reason = e.getCause() instanceof DirectConsumerNotAvailableException
                    ? "the Cal.com connector is not available"
                    : e.getCause() == null ? "booking link failed" : e.getCause().getMessage();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", reason));
        }
    }

}
