import { TrackedLink } from "../components/tracked";
import { usePageView } from "../tracking/tracking-context";

const PAGES = {
  about: {
    title: "About Fix",
    paragraphs: [
      "Fix started with one question from friends: “what should I buy to make good coffee at home?” Our answer became a kit, then five.",
      "We test every piece side by side, keep only what we would give to family, and pack each kit so the first cup is a good one.",
      "Fix is also a demonstration: every page you load and every button you press here is sent as an event through Apache Kafka to a live dashboard.",
    ],
  },
  support: {
    title: "Support",
    paragraphs: [
      "Shipping: orders leave our roastery within two working days; shipping is free from $150.",
      "Returns: anything unused can come back within 30 days. Brewers with a crack or a fault are replaced, no questions asked.",
      "Brewing help: every kit comes with a recipe card. Still not tasting right? Write to us and a barista will answer.",
    ],
  },
  contact: {
    title: "Contact Us",
    paragraphs: [
      "Email hello@fix.example and a real person will answer within a day.",
      "Visit the roastery on weekdays from 8 to 4: 1 Roastery Lane, Portland, Oregon.",
    ],
  },
} as const;

export function InfoPage({ page }: { page: keyof typeof PAGES }) {
  const { title, paragraphs } = PAGES[page];
  usePageView(page, title);
  return (
    <article className="info" aria-labelledby="info-title">
      <h1 id="info-title">{title}</h1>
      {paragraphs.map((text) => (
        <p key={text}>{text}</p>
      ))}
      <TrackedLink to="/" buttonId="continue-shopping" className="btn btn-outline">
        Continue Shopping
      </TrackedLink>
    </article>
  );
}
