package dev.ticketing.spring.web;

import dev.ticketing.common.paging.Page;
import dev.ticketing.common.paging.PageRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Keyset paging over HTTP: {@code ?limit=N&after=CURSOR} in, a JSON array out and, when another page
 * follows, {@code Link: <path?limit=N&after=NEXT>; rel="next"} (RFC 8288).
 */
public final class Paging {
    private Paging() {
    }

    /** @throws ApiException 400 on the field ({@code limit} or {@code after}) that is not valid */
    public static PageRequest request(String limit, String after) {
        try {
            return PageRequest.parse(limit, after);
        } catch (PageRequest.InvalidPageRequest e) {
            throw ApiException.badRequest(e.getMessage(), e.field());
        }
    }

    public static <T> ResponseEntity<List<T>> answer(String path, PageRequest request, Page<T> page) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.next() != null) {
            ok.header(HttpHeaders.LINK, "<" + path + "?limit=" + request.limit() + "&after=" + page.next().encode() + ">; rel=\"next\"");
        }
        return ok.body(page.items());
    }
}
