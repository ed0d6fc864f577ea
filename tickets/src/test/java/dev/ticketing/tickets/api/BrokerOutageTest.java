package dev.ticketing.tickets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests do not depend on the broker: events wait in the outbox and drain, once each, when it returns. */
class BrokerOutageTest extends ServiceIntegrationTest {
    @Test
    void requestsSucceedWhileTheBrokerIsDownAndEveryEventArrivesOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        TestEngine.shared().stopNats();
        try {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = send("POST", "/api/tickets", "u-outage", "{\"title\":\"t" + i + "\",\"price\":5}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                ids.add(TestJson.read(r.body()).get("id").asString());
            }
            Thread.sleep(1500);
            for (String id : ids) assertThat(outbox("ticket:created/" + id).get(0).get("sent_at")).isNull();
        } finally {
            TestEngine.shared().startNats();
        }
        await("outbox drained").atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream().allMatch(id -> outbox("ticket:created/" + id).get(0).get("sent_at") != null));
        for (String id : ids) assertThat(onStream("events.ticket.created", "ticket:created/" + id + "@")).hasSize(1);
    }
}
