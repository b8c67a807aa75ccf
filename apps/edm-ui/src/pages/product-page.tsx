import { Link, useParams } from "react-router";
import { ProductArt } from "../art/product-art";
import { quantityOf } from "../cart/cart";
import { useCart } from "../cart/cart-context";
import { formatPrice, PRODUCTS, type Product, productByPath, productHref } from "../catalog";
import { AddToCartButton } from "../components/add-to-cart-button";
import { usePageView } from "../tracking/tracking-context";
import { NotFoundPage } from "./not-found-page";

export function ProductPage() {
  const { path = "" } = useParams();
  const product = productByPath(path);
  if (!product) return <NotFoundPage />;
  return <ProductDetails product={product} />;
}

function ProductDetails({ product }: { product: Product }) {
  usePageView(product.name, product.name);
  const { cart } = useCart();
  const inCart = quantityOf(cart, product.path);
  const isKit = product.category === "kit";
  const others = PRODUCTS.filter((item) => item.category === product.category && item !== product);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Home</Link>
        <span aria-hidden="true">/</span>
        <Link to={isKit ? "/kits" : "/products"}>{isKit ? "Kits" : "Products"}</Link>
        <span aria-hidden="true">/</span>
        <span aria-current="page">{product.name}</span>
      </nav>
      <article className="product-detail" aria-labelledby="product-title" data-testid="product-detail">
        <ProductArt product={product} className="product-detail-art" />
        <div className="product-detail-text">
          <p className="eyebrow">{isKit ? "Complete brewing kit" : "Coffee component"}</p>
          <h1 id="product-title">{product.name}</h1>
          <p className="product-detail-price" data-testid="product-price">
            {formatPrice(product.priceCents)}
          </p>
          <p className="product-detail-lede">{product.tagline}</p>
          <p>{product.description}</p>
          <h2 className="detail-heading">{isKit ? "In the box" : "Highlights"}</h2>
          <ul className="detail-list">
            {product.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="product-detail-buy">
            <AddToCartButton product={product} className="btn-large" />
            {inCart > 0 && (
              <p className="in-cart" data-testid="in-cart">
                {inCart} in your cart · <Link to="/cart">View cart</Link>
              </p>
            )}
          </div>
        </div>
      </article>
      <section className="related" aria-labelledby="related-title">
        <h2 id="related-title">{isKit ? "More kits" : "More components"}</h2>
        <ul className="related-list">
          {others.map((item) => (
            <li key={item.path}>
              <Link to={productHref(item)} className="related-item">
                <ProductArt product={item} />
                <span className="related-name">{item.name}</span>
                <span className="related-price">{formatPrice(item.priceCents)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
