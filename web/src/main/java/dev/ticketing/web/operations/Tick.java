package dev.ticketing.web.operations;

import java.time.Instant;
import java.util.Map;

/** Every service's figures at one scrape, by service name. */
record Tick(Instant at, Map<String, ServiceFigures> services) {
}
