package io.ponte.ops;

import io.ponte.privacy.ContactErasure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /api/contacts/{id}} (admin): a data subject's erasure request, answered with what was erased. */
@RestController
public class ContactErasureController {

    private final ContactErasure erasure;

    public ContactErasureController(ContactErasure erasure) {
        this.erasure = erasure;
    }

    @DeleteMapping("/api/contacts/{id}")
    public ResponseEntity<Map<String, Object>> erase(@PathVariable String id) {
        UUID contactId = Ids.parse(id);
        return erasure.erase(contactId).<ResponseEntity<Map<String, Object>>>map(erased -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("contact_id", contactId.toString());
            body.put("status", "erased");
            body.put("erased", erased);
            return ResponseEntity.ok(body);
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no contact " + id)));
    }
}
