package io.ponte.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.contact.ContactDirectory.Facts;
import io.ponte.support.PonteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The same patient arriving from different systems, in different spellings, is one contact. */
class ContactDirectoryTest extends PonteIntegrationTest {

    @Autowired
    ContactDirectory contacts;

    @Test
    void phonesInAnyFormatAndEmailsInAnyCaseMatchTheSameContactAndEverySystemIdIsLinked() {
        var fromTwenty = contacts.upsert(new Facts("Lúcia Andrade", "Lucia.Andrade@Example.com", "(21) 98888-1234",
                null, "twenty", "3f1e8c2a-0000-4e6f-8a9b-000000000001"));
        assertThat(fromTwenty.created()).isTrue();
        assertThat(fromTwenty.contact().phone()).isEqualTo("+5521988881234");
        assertThat(fromTwenty.contact().email()).isEqualTo("lucia.andrade@example.com");

        // WhatsApp sends the mobile without the ninth digit, as a JID
        var fromChatwoot = contacts.upsert(new Facts("Lucia", null, "552188881234@s.whatsapp.net", null,
                "chatwoot", "1542"));
        assertThat(fromChatwoot.created()).isFalse();
        assertThat(fromChatwoot.contact().id()).isEqualTo(fromTwenty.contact().id());
        assertThat(fromChatwoot.contact().name()).as("the first name seen is kept").isEqualTo("Lúcia Andrade");
        assertThat(fromChatwoot.contact().links()).containsEntry("twenty", "3f1e8c2a-0000-4e6f-8a9b-000000000001")
                .containsEntry("chatwoot", "1542");

        var byEmail = contacts.find(new Facts(null, "LUCIA.ANDRADE@EXAMPLE.COM", null, null, null, null));
        assertThat(byEmail).map(Contact::id).contains(fromTwenty.contact().id());
        var byLink = contacts.find(new Facts(null, null, null, null, "chatwoot", "1542"));
        assertThat(byLink).map(Contact::id).contains(fromTwenty.contact().id());
    }

    @Test
    void aCpfIsMatchedByItsDigitsAndAnInvalidOneIsIgnored() {
        var first = contacts.upsert(new Facts("Rafael Costa", null, null, "529.982.247-25", "site", "lead-77"));
        var again = contacts.upsert(new Facts(null, null, null, "52998224725", null, null));
        assertThat(again.contact().id()).isEqualTo(first.contact().id());
        var noCpf = contacts.upsert(new Facts("Outra Pessoa", null, null, "123", null, null));
        assertThat(noCpf.created()).isTrue();
        assertThat(noCpf.contact().cpf()).isNull();
    }
}
