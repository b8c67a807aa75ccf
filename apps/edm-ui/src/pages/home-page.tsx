import { ProductArt } from "../art/product-art";
import { COMPONENTS, KITS } from "../catalog";
import { ProductGrid } from "../components/product-card";
import { usePageView } from "../tracking/tracking-context";

export function HomePage() {
  usePageView("home");
  const featured = KITS[2];
  return (
    <>
      <section className="hero">
        <div className="hero-text">
          <p className="eyebrow">Fix – Fine Coffee Kits</p>
          <h1>Everything you need for a great cup, in one box.</h1>
          <p className="hero-lede">
            Hand-picked brewers, grinders and kettles, and complete kits that take the guesswork out of
            brewing at home, at the office or at the trailhead.
          </p>
        </div>
        {featured && <ProductArt product={featured} className="hero-art" />}
      </section>

      <section className="shelf shelf-textured" aria-labelledby="components-title">
        <div className="shelf-head">
          <h2 id="components-title">Curated Coffee Components</h2>
          <p>Single pieces we brew with every day.</p>
        </div>
        <ProductGrid products={COMPONENTS} variant="components" />
      </section>

      <section className="shelf" aria-labelledby="kits-title">
        <div className="shelf-head">
          <h2 id="kits-title">Complete Brewing Kits</h2>
          <p>Matched sets, ready to brew the day they arrive.</p>
        </div>
        <ProductGrid products={KITS} variant="kits" />
      </section>
    </>
  );
}
