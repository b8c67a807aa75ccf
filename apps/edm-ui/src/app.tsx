import { Route, Routes } from "react-router";
import { CartProvider } from "./cart/cart-context";
import { Layout } from "./components/layout";
import { ToastProvider } from "./components/toast";
import { CartPage } from "./pages/cart-page";
import { CheckoutPage } from "./pages/checkout-page";
import { CollectionPage } from "./pages/collection-page";
import { HomePage } from "./pages/home-page";
import { InfoPage } from "./pages/info-page";
import { NotFoundPage } from "./pages/not-found-page";
import { OrderPage } from "./pages/order-page";
import { ProductPage } from "./pages/product-page";
import type { KeyValueStorage } from "./tracking/key-value-storage";
import { type Tracking, TrackingProvider } from "./tracking/tracking-context";

/** The shop's routes; the router itself comes from main.tsx (browser) or a test (memory). */
export function App({ tracking, storage }: { tracking: Tracking; storage: KeyValueStorage | undefined }) {
  return (
    <TrackingProvider tracking={tracking}>
      <CartProvider storage={storage}>
        <ToastProvider>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="kits" element={<CollectionPage collection="kits" />} />
              <Route path="products" element={<CollectionPage collection="products" />} />
              <Route path="kits/:path" element={<ProductPage />} />
              <Route path="products/:path" element={<ProductPage />} />
              <Route path="cart" element={<CartPage />} />
              <Route path="checkout" element={<CheckoutPage />} />
              <Route path="order/:number" element={<OrderPage />} />
              <Route path="about" element={<InfoPage page="about" />} />
              <Route path="support" element={<InfoPage page="support" />} />
              <Route path="contact" element={<InfoPage page="contact" />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </ToastProvider>
      </CartProvider>
    </TrackingProvider>
  );
}
