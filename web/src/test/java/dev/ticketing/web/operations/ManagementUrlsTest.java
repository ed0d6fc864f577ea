package dev.ticketing.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagementUrlsTest {
    @Test
    void readsNameEqualsUrlInOrder() {
        assertThat(ManagementUrls.parse(List.of(" tickets = http://127.0.0.1:3001/", "orders-1=http://127.0.0.1:3002", "")))
                .containsExactly(Map.entry("tickets", "http://127.0.0.1:3001"),
                        Map.entry("orders-1", "http://127.0.0.1:3002"));
    }

    @Test
    void refusesAnEntryWithoutNameOrHttpUrl() {
        for (String bad : List.of("http://127.0.0.1:3001", "=http://x", "tickets=127.0.0.1:3001")) {
            assertThatThrownBy(() -> ManagementUrls.parse(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name=http");
        }
    }
}
