package dev.ticketing.payments.charge;

/** The card was refused: the message is for the customer. */
public class CardDeclinedException extends Exception {
    public CardDeclinedException(String message) {
        super(message);
    }
}
