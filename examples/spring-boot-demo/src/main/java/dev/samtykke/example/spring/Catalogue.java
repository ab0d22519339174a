package dev.samtykke.example.spring;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The few products the example site shows. */
@Component
public class Catalogue {

    /** A product, with its texts in both languages. */
    public record Product(String id, String name, String nb, String en) {
        /** The description in a language. */
        public String description(Lang lang) {
            return lang == Lang.EN ? en : nb;
        }
    }

    private final List<Product> products = List.of(
            new Product("jackofoam", "Jackofoam XPS",
                    "Trykkfaste isolasjonsplater av ekstrudert polystyren for grunnmur, gulv på grunn og tak.",
                    "Pressure-resistant extruded polystyrene boards for foundations, slabs on ground and roofs."),
            new Product("thermomur", "Thermomur",
                    "Isolerte forskalingsblokker: mur, isolasjon og forskaling i ett for vegger som holder på varmen.",
                    "Insulated formwork blocks: wall, insulation and formwork in one for walls that keep the heat in."),
            new Product("jackopor", "Jackopor EPS",
                    "Lette isolasjonsplater av ekspandert polystyren for gulv, vegg og grunn.",
                    "Light expanded polystyrene boards for floors, walls and foundations."));

    /** Every product. */
    public List<Product> all() {
        return products;
    }

    /** A product by id. */
    public Optional<Product> find(String id) {
        return products.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
