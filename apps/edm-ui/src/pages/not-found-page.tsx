import { Link } from "react-router";
import { usePageView } from "../tracking/tracking-context";

export function NotFoundPage() {
  usePageView("not found", "Not found");
  return (
    <section className="notice">
      <h1>We couldn’t find that page</h1>
      <p>It may have sold out of existence. The rest of the shop is still here.</p>
      <Link to="/" className="btn btn-solid">
        Back to the shop
      </Link>
    </section>
  );
}
