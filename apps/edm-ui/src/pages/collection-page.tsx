import { COMPONENTS, KITS } from "../catalog";
import { ProductGrid } from "../components/product-card";
import { usePageView } from "../tracking/tracking-context";

const COLLECTIONS = {
  kits: {
    title: "Complete Brewing Kits",
    page: "kits",
    intro:
      "Matched sets of brewer, grinder, kettle and beans: everything for one way of brewing, ready the day it arrives.",
    products: KITS,
  },
  products: {
    title: "Curated Coffee Components",
    page: "products",
    intro: "The single pieces we brew with every day, each one tested against the alternatives.",
    products: COMPONENTS,
  },
} as const;

export function CollectionPage({ collection }: { collection: keyof typeof COLLECTIONS }) {
  const { title, page, intro, products } = COLLECTIONS[collection];
  usePageView(page, title);
  return (
    <section className="shelf" aria-labelledby="collection-title">
      <div className="shelf-head shelf-head-page">
        <h1 id="collection-title">{title}</h1>
        <p>{intro}</p>
      </div>
      <ProductGrid products={products} variant={collection === "kits" ? "kits" : "components"} />
    </section>
  );
}
