package dev.samtykke.example.spring;

import dev.samtykke.core.notice.NoticeRenderer;
import dev.samtykke.core.policy.ConsentPolicy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.List;

/** The pages of the site, in Norwegian at the root and in English under {@code /en}. */
@Controller
public class SiteController {

    private static final int MAX_FIELD = 2000;

    private final ConsentPolicy policy;
    private final Catalogue catalogue;
    private final ServerSideAnalytics analytics;

    /**
     * @param policy the consent policy (for the privacy page and the contact form's purpose)
     * @param catalogue the products
     * @param analytics the server-side tracking client
     */
    public SiteController(ConsentPolicy policy, Catalogue catalogue, ServerSideAnalytics analytics) {
        this.policy = policy;
        this.catalogue = catalogue;
        this.analytics = analytics;
    }

    /** Adds what every page needs, and reports the page view server-side when analytics is granted. */
    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Lang lang = Lang.ofPath(path);
        model.addAttribute("lang", lang);
        model.addAttribute("products", catalogue.all());
        model.addAttribute("company", policy.controller().name());
        if ("GET".equals(request.getMethod())) {
            analytics.pageView(path);
        }
    }

    /** The Norwegian home page. */
    @GetMapping("/")
    public String home(Model model) {
        return page(model, "home", Lang.EN.home());
    }

    /** The English home page. */
    @GetMapping("/en")
    public String homeEn(Model model) {
        return page(model, "home", Lang.NB.home());
    }

    /** A product page in Norwegian. */
    @GetMapping("/produkter/{id}")
    public String product(@PathVariable String id, Model model) {
        return productPage(id, Lang.EN, model);
    }

    /** A product page in English. */
    @GetMapping("/en/products/{id}")
    public String productEn(@PathVariable String id, Model model) {
        return productPage(id, Lang.NB, model);
    }

    private String productPage(String id, Lang other, Model model) {
        model.addAttribute("product", catalogue.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return page(model, "product", other.product(id));
    }

    /** The contact form in Norwegian. */
    @GetMapping("/kontakt")
    public String contact(Model model) {
        return contactPage(model, Lang.NB);
    }

    /** The contact form in English. */
    @GetMapping("/en/contact")
    public String contactEn(Model model) {
        return contactPage(model, Lang.EN);
    }

    private String contactPage(Model model, Lang lang) {
        model.addAttribute("purpose", policy.purpose("requested-content").orElseThrow().title().get(lang.locale()));
        return page(model, "contact", lang.other().contact());
    }

    /** Receives the Norwegian form. */
    @PostMapping("/kontakt")
    public String send(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
                       @RequestParam(defaultValue = "") String message, Model model) {
        return receive(Lang.NB, name, email, message, model);
    }

    /** Receives the English form. */
    @PostMapping("/en/contact")
    public String sendEn(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
                         @RequestParam(defaultValue = "") String message, Model model) {
        return receive(Lang.EN, name, email, message, model);
    }

    /**
     * Checks the form and thanks the visitor. Nothing is stored: the example has no one to answer, so
     * it only shows what a real site would do with the message (answer it, then delete it).
     */
    private String receive(Lang lang, String name, String email, String message, Model model) {
        List<String> errors = new ArrayList<>();
        if (name.isBlank() || name.length() > MAX_FIELD) {
            errors.add("contact.error.name");
        }
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > MAX_FIELD) {
            errors.add("contact.error.email");
        }
        if (message.isBlank() || message.length() > MAX_FIELD) {
            errors.add("contact.error.message");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            model.addAttribute("name", name);
            model.addAttribute("email", email);
            model.addAttribute("message", message);
            return contactPage(model, lang);
        }
        return "redirect:" + lang.thanks();
    }

    /** The Norwegian thank-you page. */
    @GetMapping("/kontakt/takk")
    public String thanks(Model model) {
        return page(model, "thanks", Lang.EN.thanks());
    }

    /** The English thank-you page. */
    @GetMapping("/en/contact/thanks")
    public String thanksEn(Model model) {
        return page(model, "thanks", Lang.NB.thanks());
    }

    /** The Norwegian privacy page, rendered from the policy file. */
    @GetMapping("/personvern")
    public String privacy(Model model) {
        return privacyPage(model, Lang.NB);
    }

    /** The English privacy page, rendered from the policy file. */
    @GetMapping("/en/privacy")
    public String privacyEn(Model model) {
        return privacyPage(model, Lang.EN);
    }

    private String privacyPage(Model model, Lang lang) {
        model.addAttribute("notice", NoticeRenderer.html(policy, lang.locale()));
        return page(model, "privacy", lang.other().privacy());
    }

    private static String page(Model model, String view, String alternate) {
        model.addAttribute("alternate", alternate);
        return view;
    }
}
