import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { useLocation } from "react-router";

// One short message at a time ("Added The Chemex Kit to your cart"), announced to screen readers.

const ToastContext = createContext<(message: string) => void>(() => undefined);

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toast, setToast] = useState<{ message: string; serial: number } | null>(null);
  const show = useCallback(
    (message: string) => setToast((current) => ({ message, serial: (current?.serial ?? 0) + 1 })),
    [],
  );

  // A message is about the page it was shown on.
  const { pathname } = useLocation();
  useEffect(() => {
    if (pathname) setToast(null);
  }, [pathname]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 3200);
    return () => clearTimeout(timer);
  }, [toast]);

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toast-region" role="status" aria-live="polite" data-testid="toast">
        {toast && (
          <p className="toast" key={toast.serial}>
            {toast.message}
          </p>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (message: string) => void {
  return useContext(ToastContext);
}
