package io.ponte.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operations console: static HTML, CSS and a little JavaScript under {@code static/console/}, served by Ponte
 * itself (no CDN, no build step). The page holds no data; everything it shows comes from {@code /api/**} with the
 * API key the operator signs in with, so the console has exactly the rights of that key.
 */
@Controller
public class ConsoleController {

    /** Relative asset URLs resolve under {@code /console/} only with the trailing slash. */
    @GetMapping("/console")
    public String console() {
        return "redirect:/console/";
    }

    @GetMapping("/console/")
    public String index() {
        return "forward:/console/index.html";
    }
}
