package dev.ticketing.web.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

@JsonIgnoreProperties(ignoreUnknown = true)
public record Transaction(String id, String type, BigDecimal amount, long number) {
}
