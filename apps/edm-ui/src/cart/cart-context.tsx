import { createContext, useContext, useEffect, useMemo, useState } from "react";
import type { KeyValueStorage } from "../tracking/key-value-storage";
import { addItem, type Cart, type CartTotals, cartTotals, parseCart, removeItem, setQuantity } from "./cart";

export const CART_KEY = "edm-ui:cart:v1";

export interface CartApi {
  cart: Cart;
  totals: CartTotals;
  add(productPath: string): void;
  setQuantity(productPath: string, quantity: number): void;
  remove(productPath: string): void;
  clear(): void;
}

const CartContext = createContext<CartApi | null>(null);

/** The cart, kept in localStorage so it survives reloads and is the same in every tab of the shop. */
export function CartProvider({
  storage,
  children,
}: {
  storage: KeyValueStorage | undefined;
  children: React.ReactNode;
}) {
  const [cart, setCart] = useState<Cart>(() => parseCart(read(storage)));

  useEffect(() => {
    try {
      storage?.setItem(CART_KEY, JSON.stringify(cart));
    } catch {
      // Full or blocked storage: the cart still works for this visit.
    }
  }, [cart, storage]);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === CART_KEY) setCart(parseCart(event.newValue));
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const api = useMemo<CartApi>(
    () => ({
      cart,
      totals: cartTotals(cart),
      add: (path) => setCart((current) => addItem(current, path)),
      setQuantity: (path, quantity) => setCart((current) => setQuantity(current, path, quantity)),
      remove: (path) => setCart((current) => removeItem(current, path)),
      clear: () => setCart([]),
    }),
    [cart],
  );
  return <CartContext.Provider value={api}>{children}</CartContext.Provider>;
}

function read(storage: KeyValueStorage | undefined): string | null {
  try {
    return storage?.getItem(CART_KEY) ?? null;
  } catch {
    return null;
  }
}

export function useCart(): CartApi {
  const api = useContext(CartContext);
  if (!api) throw new Error("useCart needs a <CartProvider> above it");
  return api;
}
