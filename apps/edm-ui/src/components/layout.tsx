import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

export function Layout() {
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);
  useEffect(() => {
    // A new page starts at its top, as it would without client-side routing.
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo?.({ top: 0 });
  }, [pathname]);
  return (
    <div className="page">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" className="main">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
