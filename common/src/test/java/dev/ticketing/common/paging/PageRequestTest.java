package dev.ticketing.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void aCursorRoundTripsToTheMicrosecond() {
        PageCursor c = new PageCursor(Instant.parse("2024-05-06T07:08:09.123456Z"), UUID.randomUUID());
        String text = c.encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.decode(text)).isEqualTo(c);
        PageCursor beforeEpoch = new PageCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), c.id());
        assertThat(PageCursor.decode(beforeEpoch.encode())).isEqualTo(beforeEpoch);
    }

    @Test
    void defaultsAndLimits() {
        assertThat(PageRequest.parse(null, null)).isEqualTo(new PageRequest(50, null));
        assertThat(PageRequest.parse("200", null).limit()).isEqualTo(200);
        for (String bad : List.of("0", "-1", "201", "ten", "")) {
            assertThatThrownBy(() -> PageRequest.parse(bad, null)).isInstanceOfSatisfying(PageRequest.InvalidPageRequest.class,
                    e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void aMalformedCursorIsRefusedOnAfter() {
        String notBase64 = "%%%";
        String noId = encoded("123_");
        String noTime = encoded("_" + UUID.randomUUID());
        for (String bad : List.of(notBase64, noId, noTime, encoded("x_y"), "")) {
            assertThatThrownBy(() -> PageRequest.parse(null, bad)).isInstanceOfSatisfying(PageRequest.InvalidPageRequest.class,
                    e -> assertThat(e.field()).isEqualTo("after"));
        }
    }

    @Test
    void aRowBeyondTheLimitMeansANextPageEndingAtTheLastShownRow() {
        PageRequest three = new PageRequest(3, null);
        List<Page.Row<String>> four = List.of(row("a", 4), row("b", 3), row("c", 2), row("d", 1));
        Page<String> page = Page.of(four, three);
        assertThat(page.items()).containsExactly("a", "b", "c");
        assertThat(page.next()).isEqualTo(four.get(2).cursor());
        assertThat(Page.of(four.subList(0, 3), three).next()).isNull();
    }

    private static Page.Row<String> row(String item, long second) {
        return new Page.Row<>(item, new PageCursor(Instant.ofEpochSecond(second), UUID.randomUUID()));
    }

    private static String encoded(String plain) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes());
    }
}
