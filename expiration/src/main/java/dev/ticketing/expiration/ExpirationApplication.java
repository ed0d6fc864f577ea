package dev.ticketing.expiration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ExpirationApplication {
    public static void main(String[] args) {
        SpringApplication.run(ExpirationApplication.class, args);
    }
}
