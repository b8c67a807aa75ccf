import { Link } from "react-router";
import { ProductArt } from "../art/product-art";
import { formatPrice, type Product, productHref } from "../catalog";
import { AddToCartButton } from "./add-to-cart-button";

export function ProductCard({ product }: { product: Product }) {
  const href = productHref(product);
  const nameId = `product-${product.path}`;
  return (
    <article
      className="product-card"
      aria-labelledby={nameId}
      data-testid="product-card"
      data-button-id={product.buttonId}
    >
      <Link to={href} className="product-card-art" tabIndex={-1} aria-hidden="true">
        <ProductArt product={product} />
      </Link>
      <div className="product-card-body">
        <h3 className="product-card-name" id={nameId}>
          <Link to={href}>{product.name}</Link>
        </h3>
        <p className="product-card-tagline">{product.tagline}</p>
        <div className="product-card-buy">
          <span className="price">{formatPrice(product.priceCents)}</span>
          <AddToCartButton product={product} />
        </div>
      </div>
    </article>
  );
}

export function ProductGrid({
  products,
  variant,
}: {
  products: readonly Product[];
  variant: "components" | "kits";
}) {
  return (
    <ul className={`product-grid product-grid-${variant}`}>
      {products.map((product) => (
        <li key={product.path}>
          <ProductCard product={product} />
        </li>
      ))}
    </ul>
  );
}
