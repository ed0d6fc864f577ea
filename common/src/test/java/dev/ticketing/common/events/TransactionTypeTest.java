package dev.ticketing.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransactionTypeTest {
    @Test
    void aDepositAddsItsAmountAndAWithdrawalTakesItAway() {
        assertThat(Type.DEPOSIT.signed(new BigDecimal("12.50"))).isEqualByComparingTo("12.50");
        assertThat(Type.WITHDRAWAL.signed(new BigDecimal("12.50"))).isEqualByComparingTo("-12.50");
    }

    @Test
    void eachTypeHasOneTextFormEverywhere() throws Exception {
        assertThat(Type.DEPOSIT.text()).isEqualTo("deposit");
        assertThat(Type.WITHDRAWAL.text()).isEqualTo("withdrawal");
        for (Type t : Type.values()) assertThat(Type.fromText(t.text())).isEqualTo(t);
        assertThatThrownBy(() -> Type.fromText("DEPOSIT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Type.fromText("transfer")).isInstanceOf(IllegalArgumentException.class);

        String json = "{\"id\":\"x\",\"userId\":\"u\",\"type\":\"%s\",\"amount\":5,\"number\":1}";
        assertThat(EventCodec.decode(Subjects.TRANSACTION_CREATED, bytes(json.formatted("withdrawal"))).type())
                .isEqualTo(Type.WITHDRAWAL);
        assertThatThrownBy(() -> EventCodec.decode(Subjects.TRANSACTION_CREATED, bytes(json.formatted("WITHDRAWAL"))))
                .isInstanceOf(PoisonMessageException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
