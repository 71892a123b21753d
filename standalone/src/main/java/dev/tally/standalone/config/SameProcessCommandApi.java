package dev.tally.standalone.config;

import dev.tally.gateway.GatewayProperties;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * In one process the socket's commands go to this same process's command API, on the port the web server actually
 * bound: with {@code server.port=0} (a free port, as tests and some hosts choose) a URL built from the setting would
 * point at port 0.
 */
@Component
class SameProcessCommandApi implements ApplicationListener<ServletWebServerInitializedEvent> {

    private final GatewayProperties gateway;

    SameProcessCommandApi(GatewayProperties gateway) {
        this.gateway = gateway;
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent started) {
        if (started.getApplicationContext().getServerNamespace() == null) { // the API's server, not the actuator's
            gateway.setCommandApiUrl("http://127.0.0.1:" + started.getWebServer().getPort());
        }
    }
}
