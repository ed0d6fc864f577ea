package dev.ticketing.payments.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.payments.payment.Payment;
import dev.ticketing.payments.payment.PaymentCommands;
import dev.ticketing.payments.payment.PaymentRepository;
import dev.ticketing.spring.web.ApiException;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/payments")
public class PaymentController {
    private final PaymentCommands commands;
    private final PaymentRepository payments;

    public PaymentController(PaymentCommands commands, PaymentRepository payments) {
        this.commands = commands;
        this.payments = payments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public PaymentResponse pay(CurrentUser user, @Valid @RequestBody PaymentRequest request) {
        return PaymentResponse.of(commands.pay(orderId(request.orderId()), request.token(), user));
    }

    @GetMapping("/{id}")
    public PaymentResponse show(CurrentUser user, @PathVariable UUID id) {
        Payment payment = payments.find(id).orElseThrow(() -> ApiException.notFound("payment not found"));
        if (!payment.userId().equals(user.id())) throw ApiException.forbidden("not your payment");
        return PaymentResponse.of(payment);
    }

    private static UUID orderId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("orderId must be a valid id", "orderId");
        }
    }
}
