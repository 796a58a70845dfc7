package io.ponte.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reminders become events when due — each exactly once, even with dispatchers racing as two replicas would. */
class ScheduledMessagesTest extends PonteIntegrationTest {

    @Autowired
    ScheduledMessages messages;

    @Test
    void dueMessagesAreHandedOverOnceEvenWhenTwoDispatchersRace() {
        String marker = UUID.randomUUID().toString();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(messages.schedule(new ScheduledMessages.Request("sms", "+55119876500" + String.format("%02d", i),
                    "Lembrete " + marker, null, null, "pt-BR", Instant.now().minusSeconds(1), null, null)));
        }
        UUID later = messages.schedule(new ScheduledMessages.Request("sms", "+5511987650099", "Depois " + marker, null,
                null, "pt-BR", Instant.now().plusSeconds(3600), null, null));

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> messages.dispatchDue(7));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> messages.dispatchDue(7));
        int handed = a.join() + b.join();
        while (handed < 40) {
            int n = messages.dispatchDue(50);
            if (n == 0) {
                break;
            }
            handed += n;
        }

        List<String> bodies = jdbc.queryForList("SELECT convert_from(body, 'UTF8') FROM events "
                + "WHERE source = 'schedule' AND convert_from(body, 'UTF8') LIKE ?", String.class, "%" + marker + "%");
        assertThat(bodies).as("one event per due message, none for the future one").hasSize(40);
        assertThat(bodies).allSatisfy(b2 -> assertThat(Json.read(b2).path("text").asText()).startsWith("Lembrete"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_messages WHERE id = ANY(?) AND status = 'SENT' "
                + "AND event_id IS NOT NULL", Integer.class, (Object) ids.toArray(new UUID[0]))).isEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT status FROM scheduled_messages WHERE id = ?", String.class, later))
                .isEqualTo("PENDING");
    }

    @Test
    void aReminderThatFellDueWhilePonteWasDownIsSentOnceAndOneCancelledMeanwhileNever() {
        String marker = UUID.randomUUID().toString();
        // due two hours ago, while Ponte was stopped
        UUID overdue = messages.schedule(new ScheduledMessages.Request("sms", "+5511987651111", "Atrasado " + marker,
                null, null, "pt-BR", Instant.now().minusSeconds(7200), null, null));
        // due as well, but its booking was cancelled before Ponte came back
        UUID cancelled = messages.schedule(new ScheduledMessages.Request("sms", "+5511987652222",
                "Cancelado " + marker, null, null, "pt-BR", Instant.now().minusSeconds(7200), null, null));
        jdbc.update("UPDATE scheduled_messages SET status = 'CANCELLED' WHERE id = ?", cancelled);

        // the running dispatcher (a Quartz route) picks it up on its own
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "SENT".equals(
                jdbc.queryForObject("SELECT status FROM scheduled_messages WHERE id = ?", String.class, overdue)));
        // and a later tick sends nothing more
        org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(6))
                .atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM events WHERE source = 'schedule' AND convert_from(body, 'UTF8') LIKE ?",
                        Integer.class, "%" + marker + "%") == 1);
        assertThat(jdbc.queryForObject("SELECT status FROM scheduled_messages WHERE id = ?", String.class, cancelled))
                .isEqualTo("CANCELLED");
    }
}
