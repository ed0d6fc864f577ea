package dev.ticketing.web.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** The accounts replica's balance, as of the last transaction number it applied. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Balance(BigDecimal balance, long lastTransactionNumber) {
}
