package dev.ticketing.web;

import dev.ticketing.spring.web.WebAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The web client. It serves HTML, not the JSON API: the common API error advice and the JWT check are left
 * out (the APIs behind it verify the session; this tier only forwards the cookie).
 */
@SpringBootApplication(exclude = WebAutoConfiguration.class)
public class WebApplication {
    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
